package dev.hearsay.overlay.guard;

/**
 * An exponentially decaying estimate of a rate (units per second) with a one-second time
 * constant: recent traffic counts fully, traffic a few seconds old hardly at all. Used to rank
 * peers by how noisy they are now. Not thread-safe: its owner synchronizes.
 */
final class DecayingRate {
  private static final double TAU_NANOS = 1e9;
  private double value;
  private long updated;

  DecayingRate(long now) {
    this.updated = now;
  }

  private void decay(long now) {
    long elapsed = now - updated;
    if (elapsed > 0) {
      value *= Math.exp(-elapsed / TAU_NANOS);
      updated = now;
    }
  }

  void add(double amount, long now) {
    decay(now);
    value += amount;
  }

  /** Units per second, estimated over roughly the last second. */
  double perSecond(long now) {
    decay(now);
    return value;
  }
}
