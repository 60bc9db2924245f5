package dev.hearsay.overlay.guard;

import java.time.Duration;

/**
 * What a peer may send, outside its flood budgets, in answer to a push-pull or join request this
 * node sent it. A node asks on its own schedule (a join, then one push-pull per interval), so the
 * cost of an answer is bounded by how often the node asks, not by how fast the peer sends. A view of
 * a few hundred members, tombstones included, already answers with more certificates and bytes than
 * a member's per-second budgets allow.
 *
 * @param bytes frame bytes accepted per request
 * @param claims claims accepted per request (each may cost a signature verification)
 * @param within how long after the request its answer is expected
 */
public record AnswerLimits(long bytes, int claims, Duration within) {
  public AnswerLimits {
    if (bytes < 0 || claims < 0 || within.isNegative()) {
      throw new IllegalArgumentException("answer limits must not be negative");
    }
  }

  /**
   * 8 MiB and 10,000 claims within 10 s: the whole view of about 8,000 members with a certificate
   * each (an ALIVE with its certificate is about 1 KiB). Larger overlays raise these.
   */
  public static AnswerLimits defaults() {
    return new AnswerLimits(8L * 1024 * 1024, 10_000, Duration.ofSeconds(10));
  }

  /** No allowance: answers are charged like any other traffic. */
  public static AnswerLimits none() {
    return new AnswerLimits(0, 0, Duration.ZERO);
  }
}
