package dev.hearsay.overlay.revocation.gossip;

/** A token bucket on a caller-supplied monotonic clock (nanoseconds): {@code perSecond} tokens a second, at most {@code burst} held. */
final class TokenRate {
  private final double perNano;
  private final double burst;
  private double tokens;
  private long last;

  TokenRate(double perSecond, double burst, long now) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.last = now;
  }

  boolean tryTake(long now) {
    if (now > last) {
      tokens = Math.min(burst, tokens + (now - last) * perNano);
      last = now;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
