package dev.hearsay.overlay.core;

/**
 * What a claim could do to a view, judged from what the view holds and without looking at the
 * claim's signature. A claim that cannot change anything can be dropped before it costs an ECDSA
 * verification: a flooder re-signing one accusation over and over, or replaying old claims, then
 * costs a lookup per claim instead of a verification.
 *
 * <p>The judgment is for one claim against the view as it stands. Another claim about the same
 * subject, applied first, can make it matter (an ALIVE of a new incarnation, then an accusation of
 * that incarnation), so a caller judging a message must keep every claim about a subject when any
 * one of them may change the view.
 */
public enum Relevance {
  /** It may change the view, or the view cannot tell without applying it: verify it and pass it on. */
  MAY_CHANGE,
  /** The view holds a claim about its subject that supersedes it: a late copy, or a replay. */
  OUTDATED,
  /**
   * The view would ignore it although it is not older: a copy of the claim held, an accusation by an
   * accuser already counted against that incarnation, or one of an incarnation the subject never
   * claimed here.
   */
  NO_CHANGE;

  /**
   * Mirrors the rules of {@link MembershipCore}'s {@code apply}: returns OUTDATED or NO_CHANGE only
   * where applying the claim would return without touching the view. {@code running} is the
   * suspicion held about the claim's subject, or null.
   */
  static Relevance of(Claim claim, MemberId self, MemberTable table, Suspicion running) {
    MemberId subject = claim.subject();
    int slot = subject.equals(self) ? -1 : table.find(subject);
    if (slot < 0) {
      return MAY_CHANGE; // about this node (a refutation may be due), or about a member not held
    }
    Claim held = table.topAt(slot);
    Alive claimed = table.aliveAt(slot);
    if (mayChange(claim, held, claimed, running)) {
      return MAY_CHANGE;
    }
    return held.supersedes(claim) ? OUTDATED : NO_CHANGE;
  }

  private static boolean mayChange(Claim claim, Claim held, Alive claimed, Suspicion running) {
    if (claim instanceof Alive a) {
      // At the held incarnation, an ALIVE still gives a tombstone held without one its address.
      return a.supersedes(held) || (claimed == null && a.incarnation() == held.incarnation());
    } else if (claim instanceof Suspect s) {
      boolean current = claimed != null && s.incarnation() == claimed.incarnation()
          && held.incarnation() == s.incarnation() && !held.status().isGone();
      boolean counted = running != null && running.incarnation() == s.incarnation() && running.hasAccused(s.accuser());
      return current && !counted;
    } else if (claim instanceof Dead d) {
      boolean ofAClaimedIncarnation = d.isByLeave() || (claimed != null && claimed.incarnation() == d.incarnation());
      return ofAClaimedIncarnation && d.supersedes(held);
    } else if (claim instanceof Leave l) {
      return l.supersedes(held);
    }
    return true; // REVOKED and anything else: left to the layers that refuse them, and count it
  }
}
