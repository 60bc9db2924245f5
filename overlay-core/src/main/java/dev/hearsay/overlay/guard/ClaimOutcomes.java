package dev.hearsay.overlay.guard;

import dev.hearsay.overlay.claims.VerifiedSignatures;
import dev.hearsay.overlay.transport.Rejections;

/**
 * Running totals of what claim authentication has done so far: signature verifications performed
 * and claims refused. The guard reads them before and after passing a message on; on a node whose
 * connections and claim filter share one event loop (as {@code Node} runs them) the difference is
 * exactly that message's cost, charged to the peer that sent it.
 */
public interface ClaimOutcomes {
  /** Outcomes that never change: no verification or rejection is charged to anyone. */
  ClaimOutcomes NONE = new ClaimOutcomes() {
    @Override
    public long verifications() {
      return 0;
    }

    @Override
    public long rejections() {
      return 0;
    }
  };

  long verifications();

  long rejections();

  /**
   * From a node's verify-once cache (each miss is followed by one real verification) and its claim
   * rejections (every reason: the authenticator's and the policy's denials).
   */
  static ClaimOutcomes of(VerifiedSignatures verified, Rejections claimRejections) {
    return new ClaimOutcomes() {
      @Override
      public long verifications() {
        return verified.stats().missCount();
      }

      @Override
      public long rejections() {
        return (long) claimRejections.total();
      }
    };
  }
}
