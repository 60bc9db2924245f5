package dev.hearsay.overlay.core;

import java.util.random.RandomGenerator;

/**
 * Randomized round-robin over the view without a per-node copy of the member list: each pass walks the
 * table's slots from a random start with a random odd stride, which visits every slot of a power-of-two
 * table exactly once, in a different order each pass.
 */
final class ProbeCycle {

  private int start;
  private int stride;
  private int step;
  private int capacity = -1;

  /** The next slot to consider, starting a new shuffled pass when the previous one is done. */
  int nextSlot(int tableCapacity, RandomGenerator rng) {
    if (tableCapacity != capacity || step >= capacity) {
      capacity = tableCapacity;
      start = rng.nextInt(capacity);
      stride = rng.nextInt(capacity) | 1;
      step = 0;
    }
    int slot = (int) ((start + (long) stride * step) & (capacity - 1));
    step++;
    return slot;
  }
}
