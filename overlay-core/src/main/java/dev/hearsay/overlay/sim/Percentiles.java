package dev.hearsay.overlay.sim;

import java.util.Arrays;

/** Nearest-rank percentiles over recorded times. */
final class Percentiles {

  private Percentiles() {}

  /** The value at fraction {@code p} (0..1] of {@code total} by nearest rank, or null if not reached. */
  static Long atFraction(long[] sortedTimes, int recorded, int total, double p) {
    int rank = (int) Math.ceil(p * total - 1e-9);
    rank = Math.max(1, Math.min(total, rank));
    return rank <= recorded ? sortedTimes[rank - 1] : null;
  }

  static long[] sorted(long[] times, int count) {
    long[] copy = Arrays.copyOf(times, count);
    Arrays.sort(copy);
    return copy;
  }
}
