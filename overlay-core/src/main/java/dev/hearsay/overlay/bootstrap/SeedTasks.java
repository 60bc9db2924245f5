package dev.hearsay.overlay.bootstrap;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The one thread the seed work runs on: registry answers are handed to it, so registration and
 * bootstrap state is touched by one thread only and never by the node's event loop. After shutdown,
 * new work is dropped quietly.
 */
final class SeedTasks {
  /** Failures in a row are logged at WARN the first time, then every this many, so an outage does not flood the log. */
  static final int WARN_EVERY = 20;

  private final ScheduledExecutorService executor;

  SeedTasks(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  void now(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException shuttingDown) {
      // nothing more to do
    }
  }

  void after(Duration delay, Runnable task) {
    try {
      executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException shuttingDown) {
      // nothing more to do
    }
  }

  /** Starts {@code call} and runs {@code handler} on this thread with its value or its failure (unwrapped). */
  <T> void whenDone(Supplier<CompletableFuture<T>> call, BiConsumer<T, Throwable> handler) {
    CompletableFuture<T> started;
    try {
      started = call.get();
    } catch (RuntimeException e) {
      started = CompletableFuture.failedFuture(e); // a call that could not even start is a failed call
    }
    started.whenComplete((value, failure) -> now(() -> handler.accept(value, unwrap(failure))));
  }

  /** Whether the {@code inARow}-th failure in a row is worth a WARN line (the others go to DEBUG). */
  static boolean worthWarning(int inARow) {
    return inARow == 1 || inARow % WARN_EVERY == 0;
  }

  /** A failure as one line: a registry error's own message, anything else with its type. */
  static String describe(Throwable failure) {
    return failure instanceof java.io.IOException && failure.getMessage() != null ? failure.getMessage() : String.valueOf(failure);
  }

  static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }
}
