package dev.hearsay.bench.measure;

import java.lang.management.ManagementFactory;

/** Used heap after garbage collection, so that a difference of two readings is what stayed live. */
public final class Heap {
  private Heap() {}

  public static long usedAfterGc() throws InterruptedException {
    // Several rounds with a pause: finalizers, reference processing and concurrent phases settle.
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
