package dev.hearsay.bench.measure;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/** Polls a condition until it holds or a deadline passes: every wait in the benchmarks is bounded. */
public final class Await {
  private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

  private Await() {}

  /**
   * Polls {@code done} every {@code poll} until it holds or {@code timeout} passes, calling
   * {@code progress} with the seconds waited so far about every 5 s.
   *
   * @return the {@link System#nanoTime()} at which {@code done} was first seen to hold, or -1 on timeout
   */
  public static long until(BooleanSupplier done, Duration timeout, Duration poll, DoubleConsumer progress)
      throws InterruptedException {
    long t0 = System.nanoTime();
    Deadline deadline = Deadline.in(timeout);
    long lastProgress = t0;
    while (true) {
      if (done.getAsBoolean()) {
        return System.nanoTime();
      }
      if (deadline.expired()) {
        return -1;
      }
      long now = System.nanoTime();
      if (now - lastProgress >= PROGRESS_EVERY_NANOS) {
        progress.accept((now - t0) / 1e9);
        lastProgress = now;
      }
      Thread.sleep(Math.max(1, Math.min(poll.toMillis(), deadline.remaining().toMillis())));
    }
  }
}
