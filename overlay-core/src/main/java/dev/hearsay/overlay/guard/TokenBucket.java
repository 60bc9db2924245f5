package dev.hearsay.overlay.guard;

/**
 * A token bucket on a caller-supplied nanosecond clock: {@code capacity} tokens, refilled at
 * {@code capacity} per {@code periodNanos}. {@link #charge} may take it below zero for costs known
 * only afterwards (signature verifications); the debt is repaid by the refill before anything is
 * admitted again, so the long-run rate still holds. Not thread-safe: its owner synchronizes.
 */
final class TokenBucket {
  private final double capacity;
  private final double tokensPerNano;
  private double tokens;
  private long updated;

  TokenBucket(long capacity, long periodNanos, long now) {
    if (capacity < 0 || periodNanos <= 0) {
      throw new IllegalArgumentException("capacity must be >= 0 and period > 0");
    }
    this.capacity = capacity;
    this.tokensPerNano = (double) capacity / periodNanos;
    this.tokens = capacity;
    this.updated = now;
  }

  private void refill(long now) {
    long elapsed = now - updated;
    if (elapsed > 0) {
      tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
      updated = now;
    }
  }

  /** Takes {@code n} tokens if all are there; a zero-capacity bucket admits nothing but n = 0. */
  boolean tryTake(long n, long now) {
    refill(now);
    if (n <= 0) {
      return true;
    }
    if (tokens >= n) {
      tokens -= n;
      return true;
    }
    return false;
  }

  /** Takes {@code n} tokens whatever the level, going into debt if needed. */
  void charge(long n, long now) {
    refill(now);
    tokens -= n;
  }

  /** True while at least one token is there (no debt, not empty). */
  boolean hasTokens(long now) {
    refill(now);
    return tokens >= 1;
  }

  double tokens(long now) {
    refill(now);
    return tokens;
  }
}
