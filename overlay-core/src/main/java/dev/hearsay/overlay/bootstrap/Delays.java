package dev.hearsay.overlay.bootstrap;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Waits with jitter: each is drawn from the last quarter before its nominal length, so it is never
 * later than planned (a renewal must land before the TTL runs out) and a fleet started together
 * spreads its calls to the registry instead of making them in step.
 */
final class Delays {
  /** Doublings stop here; far past any sensible maximum. */
  private static final int MAX_DOUBLINGS = 30;

  private final RandomGenerator random;

  Delays(RandomGenerator random) {
    this.random = random;
  }

  Duration jittered(Duration nominal) {
    long nanos = nominal.toNanos();
    long spread = nanos / 4;
    return Duration.ofNanos(spread == 0 ? nanos : nanos - random.nextLong(spread + 1));
  }

  /** The wait before round {@code round} (1 for the first retry): {@code first} doubled per round, at most {@code max}. */
  Duration growing(int round, Duration first, Duration max) {
    int doublings = Math.min(Math.max(round, 1) - 1, MAX_DOUBLINGS);
    Duration nominal = first.multipliedBy(1L << doublings);
    return jittered(nominal.compareTo(max) > 0 ? max : nominal);
  }
}
