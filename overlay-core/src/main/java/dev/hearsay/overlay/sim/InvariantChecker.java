package dev.hearsay.overlay.sim;

import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.Dead;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.MembershipEvent;

/**
 * Checks every view change as it happens: precedence only moves forward, and no DEAD is accepted without
 * {@code k} distinct accusers (or the subject's own leave).
 */
final class InvariantChecker {

  private final long seed;
  private final int quorum;

  InvariantChecker(long seed, int quorum) {
    this.seed = seed;
    this.quorum = quorum;
  }

  void check(MemberId observer, MembershipEvent e) {
    Claim previous = e.previous();
    Claim current = e.current();
    if (current == null) {
      if (e.kind() != MembershipEvent.Kind.REMOVED || previous == null || !previous.status().isGone()) {
        fail(observer, e, "only an expired tombstone may be removed");
      }
      return;
    }
    if (!current.subject().equals(e.subject()) || (previous != null && !previous.subject().equals(e.subject()))) {
      fail(observer, e, "claim about another subject");
    }
    if (previous != null && !current.supersedes(previous)) {
      fail(observer, e, "new claim does not supersede the old one");
    }
    if (current instanceof Dead d && !d.hasEvidence(quorum)) {
      fail(observer, e, "DEAD with " + d.distinctAccusers() + " distinct accusers, fewer than k=" + quorum);
    }
  }

  private void fail(MemberId observer, MembershipEvent e, String what) {
    throw new InvariantViolation(seed, what + " at t=" + e.at() + "ns in the view of " + observer + ": " + e.kind()
        + " " + e.subject() + " " + describe(e.previous()) + " -> " + describe(e.current()));
  }

  private static String describe(Claim c) {
    return c == null ? "none" : c.status() + "@" + c.incarnation();
  }
}
