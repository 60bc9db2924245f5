package dev.hearsay.overlay.revocation;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Waits between failed registry calls: doubling from {@code min} up to {@code max}, each wait drawn
 * from its upper half, so a fleet that lost the registry together does not come back in lockstep,
 * and no node retries faster than half the nominal wait.
 */
final class Backoff {
  private final long minNanos;
  private final long maxNanos;
  private final RandomGenerator random;

  Backoff(Duration min, Duration max, RandomGenerator random) {
    this.minNanos = min.toNanos();
    this.maxNanos = max.toNanos();
    this.random = random;
  }

  /** The wait after the {@code failures}-th failure in a row (1 for the first). */
  Duration after(int failures) {
    int doublings = Math.min(Math.max(failures, 1) - 1, 40);
    long nominal = minNanos;
    for (int i = 0; i < doublings && nominal < maxNanos; i++) {
      nominal = Math.min(maxNanos, nominal * 2);
    }
    long half = nominal / 2;
    return Duration.ofNanos(half + random.nextLong(nominal - half + 1));
  }
}
