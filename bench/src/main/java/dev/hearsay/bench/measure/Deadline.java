package dev.hearsay.bench.measure;

import java.time.Duration;

/** A point in monotonic time that a bounded wait must not pass. */
public final class Deadline {
  private final long atNanos;

  private Deadline(long atNanos) {
    this.atNanos = atNanos;
  }

  public static Deadline in(Duration timeout) {
    return new Deadline(System.nanoTime() + timeout.toNanos());
  }

  public boolean expired() {
    return System.nanoTime() - atNanos >= 0;
  }

  /** What is left, never negative. */
  public Duration remaining() {
    return Duration.ofNanos(Math.max(0, atNanos - System.nanoTime()));
  }
}
