package dev.hearsay.chaos;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes; never a bare sleep standing in for a condition. */
final class Await {
  private static final long POLL_MILLIS = 100;

  private Await() {}

  /** A condition that may fail while it is not yet true (a node still starting, say). */
  interface Condition {
    boolean holds() throws Exception;
  }

  /** Waits until {@code condition} holds; returns how long that took, or fails naming {@code what} and {@code state}. */
  static Duration until(Duration timeout, String what, Condition condition, Supplier<String> state) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    Exception last = null;
    while (true) {
      try {
        if (condition.holds()) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
        last = null;
      } catch (Exception e) {
        last = e;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what
            + (last != null ? " (last error: " + last + ")" : "") + "\n" + state.get());
      }
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
    }
  }
}
