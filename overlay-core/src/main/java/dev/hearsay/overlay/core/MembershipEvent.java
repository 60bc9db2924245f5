package dev.hearsay.overlay.core;

/**
 * A change in one node's view: {@code previous} (null for a new member) was replaced by {@code current}
 * (null when a tombstone expired) at monotonic time {@code at}. {@code catchUp}: the member was first
 * learned from a peer's view in an anti-entropy answer (a joiner taking in the cluster, departed members
 * included), so this is this view catching up, not news of a change in the cluster.
 */
public record MembershipEvent(Kind kind, MemberId subject, Claim previous, Claim current, long at, boolean catchUp) {

  /** News of a change (not a catch-up). */
  public MembershipEvent(Kind kind, MemberId subject, Claim previous, Claim current, long at) {
    this(kind, subject, previous, current, at, false);
  }

  /** What changed. */
  public enum Kind {
    JOINED,
    SUSPECTED,
    /** Back to ALIVE (refuted suspicion or death), or new address/metadata at a higher incarnation. */
    ALIVE,
    DEAD,
    LEFT,
    REVOKED,
    /** Tombstone expired; the member is forgotten. */
    REMOVED
  }
}
