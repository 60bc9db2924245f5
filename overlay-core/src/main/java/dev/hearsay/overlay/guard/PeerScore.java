package dev.hearsay.overlay.guard;

/**
 * A peer's standing: {@link GuardSettings#maxScore} when clean, lower by each violation's penalty,
 * recovering linearly with time at {@code recoveryPerSecond} up to the maximum. It may go below
 * zero (a flood keeps costing), but never below {@link GuardSettings#minScore}, so recovery from the
 * worst takes a bounded time. Not thread-safe: its owner synchronizes.
 */
final class PeerScore {
  private final double max;
  private final double min;
  private final double recoveryPerNano;
  private double value;
  private long updated;

  PeerScore(GuardSettings settings, long now) {
    this.max = settings.maxScore();
    this.min = settings.minScore();
    this.recoveryPerNano = settings.recoveryPerSecond() / 1e9;
    this.value = max;
    this.updated = now;
  }

  double value(long now) {
    long elapsed = now - updated;
    if (elapsed > 0) {
      value = Math.min(max, value + elapsed * recoveryPerNano);
      updated = now;
    }
    return value;
  }

  /** Lowers the score by {@code points}; returns the new value. */
  double penalize(double points, long now) {
    value = Math.max(min, value(now) - points);
    return value;
  }
}
