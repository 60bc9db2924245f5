package dev.hearsay.overlay.guard;

import dev.hearsay.authz.RateLimits;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the guard knows about one authenticated identity: its budgets (token buckets sized from its
 * role's {@link RateLimits}), its score, the accusations it made recently (so a retransmitted
 * accusation is not counted twice) and how noisy it is now. Every method is synchronized: the
 * identity may hold several connections on several event loops.
 */
final class PeerState {
  private static final long SECOND = 1_000_000_000L;
  private static final long MINUTE = 60 * SECOND;
  /** Distinct recent accusations remembered per peer; older ones are counted again if resent. */
  static final int RECENT_ACCUSATIONS = 256;

  private final TokenBucket frames;
  private final TokenBucket bytes;
  private final TokenBucket claims;
  private final TokenBucket accusations;
  private final TokenBucket verifications;
  private final TokenBucket joins;
  private final PeerScore score;
  private final DecayingRate noise;
  private final AnswerLimits answerLimits;
  private final AnswerAllowance answer = new AnswerAllowance();
  private final TokenBucket promptedAnswers;
  /** When a connection of this identity was last refused right after its handshake. */
  private long lastRefusedAt = Long.MIN_VALUE / 2;
  /** Refusals in a row, each within the at-once window of the one before (0: the last one was not). */
  private int refusedAtOnce;
  private final Map<Long, Boolean> recentAccusations = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
      return size() > RECENT_ACCUSATIONS;
    }
  };

  PeerState(RateLimits limits, GuardSettings settings, long now) {
    frames = new TokenBucket(limits.framesPerSecond(), SECOND, now);
    bytes = new TokenBucket(limits.bytesPerSecond(), SECOND, now);
    claims = new TokenBucket(limits.claimsPerSecond(), SECOND, now);
    accusations = new TokenBucket(limits.accusationsPerMinute(), MINUTE, now);
    verifications = new TokenBucket(limits.verificationsPerSecond(), SECOND, now);
    joins = new TokenBucket(limits.joinsPerMinute(), MINUTE, now);
    score = new PeerScore(settings, now);
    noise = new DecayingRate(now);
    answerLimits = settings.answers();
    promptedAnswers = new TokenBucket(limits.joinsPerMinute(), MINUTE, now);
  }

  /**
   * This node sent the peer a request: its answer is expected within the answer limits. A request
   * the peer prompted renews the allowance only within the joins budget's rate.
   */
  synchronized void expectAnswer(boolean prompted, long now) {
    if (!prompted || promptedAnswers.tryTake(1, now)) {
      answer.renew(answerLimits, now);
    }
  }

  /**
   * Admits one frame of {@code frameBytes}, or says which budget it is over. A frame that says it
   * is an answer is taken from the expected answer's allowance first, and from the budgets only
   * when no answer is expected or the allowance is used up.
   */
  synchronized Violation admitFrame(long frameBytes, boolean answerFrame, long now) {
    noise.add(frameBytes, now); // reading costs us whether or not the frame is admitted
    if (answerFrame && answer.takeFrame(frameBytes, now)) {
      return null;
    }
    if (!frames.tryTake(1, now)) {
      return Violation.FRAME_RATE;
    }
    if (!bytes.tryTake(frameBytes, now)) {
      return Violation.BYTE_RATE;
    }
    return null;
  }

  /**
   * Admits a message carrying claims: {@code newClaims} not seen before, and accusations signed by
   * this peer identified by {@code accusationKeys}; new claims are refused while the verification
   * budget is spent. Nothing is taken unless everything fits.
   */
  synchronized Violation admitClaims(int newClaims, long[] accusationKeys, long now) {
    if (newClaims > 0 && !verifications.hasTokens(now)) {
      return Violation.VERIFICATION_RATE;
    }
    int newAccusations = newAccusations(accusationKeys);
    if (accusations.tokens(now) < newAccusations) {
      return Violation.ACCUSATION_RATE;
    }
    if (!claims.tryTake(newClaims, now)) {
      return Violation.CLAIM_RATE;
    }
    takeAccusations(newAccusations, accusationKeys, now);
    return null;
  }

  /** What became of a message that may be the answer to this node's request. */
  enum AnswerOutcome {
    /** Taken from the expected answer's allowance. */
    ADMITTED,
    /** No answer is expected, or it does not fit: charge it like any other message. */
    NOT_EXPECTED,
    /** An expected answer, but carrying more new accusations signed by the peer than its budget allows. */
    OVER_ACCUSATIONS
  }

  /**
   * Admits an answer message of {@code n} claims within the expected answer's allowance. The peer's own
   * accusations in it still come out of its accusation budget: an answer may carry the few the peer
   * holds, not a way around the limit on how often it may accuse.
   */
  synchronized AnswerOutcome admitAnswer(int n, long[] accusationKeys, long now) {
    if (!answer.fits(n, now)) {
      return AnswerOutcome.NOT_EXPECTED;
    }
    int newAccusations = newAccusations(accusationKeys);
    if (accusations.tokens(now) < newAccusations) {
      return AnswerOutcome.OVER_ACCUSATIONS;
    }
    answer.takeClaims(n, now);
    takeAccusations(newAccusations, accusationKeys, now);
    return AnswerOutcome.ADMITTED;
  }

  private int newAccusations(long[] accusationKeys) {
    int n = 0;
    for (long key : accusationKeys) {
      if (!recentAccusations.containsKey(key)) {
        n++;
      }
    }
    return n;
  }

  private void takeAccusations(int newAccusations, long[] accusationKeys, long now) {
    accusations.tryTake(newAccusations, now);
    for (long key : accusationKeys) {
      recentAccusations.put(key, Boolean.TRUE);
    }
  }

  /** Takes one join request from the budget if it has one. */
  synchronized boolean admitJoin(long now) {
    return joins.tryTake(1, now);
  }

  /** Charges verifications already done (they may put the budget into debt). */
  synchronized void chargeVerifications(long n, long now) {
    verifications.charge(n, now);
  }

  /** Takes {@code n} verifications from the budget if it has them. */
  synchronized boolean tryTakeVerifications(long n, long now) {
    return verifications.tryTake(n, now);
  }

  /**
   * A connection of this identity was refused right after its handshake: returns how many refusals in
   * a row (this one included, the first not counted) came within {@code atOnceNanos} of the one before.
   */
  synchronized int refused(long now, long atOnceNanos) {
    refusedAtOnce = now - lastRefusedAt < atOnceNanos ? refusedAtOnce + 1 : 0;
    lastRefusedAt = now;
    return refusedAtOnce;
  }

  synchronized double penalize(Violation v, long times, long now) {
    return score.penalize(v.penalty() * times, now);
  }

  synchronized double score(long now) {
    return score.value(now);
  }

  synchronized double bytesPerSecond(long now) {
    return noise.perSecond(now);
  }
}
