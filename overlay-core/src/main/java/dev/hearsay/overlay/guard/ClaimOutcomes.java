package dev.hearsay.overlay.guard;

import dev.hearsay.overlay.claims.VerifiedSignatures;
import dev.hearsay.overlay.transport.Rejections;
import java.util.Set;

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
   * rejections (every reason: the authenticator's and the policy's denials), except those with a
   * reason in {@code notThePeersFault}: refusals an honest peer may cause, which must not cost it
   * score (they are still counted, and still bounded by the peer's budgets).
   */
  static ClaimOutcomes of(VerifiedSignatures verified, Rejections claimRejections, Set<String> notThePeersFault) {
    return new ClaimOutcomes() {
      @Override
      public long verifications() {
        return verified.stats().missCount();
      }

      @Override
      public long rejections() {
        double forgiven = 0;
        for (String reason : notThePeersFault) {
          forgiven += claimRejections.count(reason);
        }
        return (long) (claimRejections.total() - forgiven);
      }
    };
  }
}
