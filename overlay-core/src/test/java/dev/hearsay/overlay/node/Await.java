package dev.hearsay.overlay.node;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline; the failure says what was awaited and what was seen. */
final class Await {
  private Await() {}

  static Duration until(Duration timeout, String what, BooleanSupplier condition, Supplier<String> state)
      throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; state:\n" + state.get());
      }
      Thread.onSpinWait();
      java.util.concurrent.TimeUnit.MILLISECONDS.sleep(20);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
