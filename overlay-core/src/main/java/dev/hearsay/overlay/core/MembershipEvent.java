package dev.hearsay.overlay.core;

/**
 * A change in one node's view: {@code previous} (null for a new member) was replaced by {@code current}
 * (null when a tombstone expired) at monotonic time {@code at}.
 */
public record MembershipEvent(Kind kind, MemberId subject, Claim previous, Claim current, long at) {

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
