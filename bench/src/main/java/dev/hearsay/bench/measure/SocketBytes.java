package dev.hearsay.bench.measure;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;

/**
 * Sums {@code jdk.SocketWrite} events (every write to a TCP socket of this JVM, NIO included), by the
 * time the write started, so a window can be asked for after the fact (JFR delivers about once a second).
 */
public final class SocketBytes implements AutoCloseable {
  public record Window(long bytes, long writes) {}

  private static final Duration FLUSH_WAIT = Duration.ofSeconds(5);
  private static final int SLOTS = 4096; // one slot per second, a ring long enough for any single window
  private final AtomicLong[] bytesPerSecond = new AtomicLong[SLOTS];
  private final AtomicLong[] writesPerSecond = new AtomicLong[SLOTS];
  private final long[] slotSecond = new long[SLOTS];
  /** Start of the latest write JFR has delivered, in epoch milliseconds: how far delivery has got. */
  private volatile long deliveredUpToMillis;
  private final AtomicLong totalBytes = new AtomicLong();
  private RecordingStream stream;

  public SocketBytes() {
    for (int i = 0; i < SLOTS; i++) {
      bytesPerSecond[i] = new AtomicLong();
      writesPerSecond[i] = new AtomicLong();
    }
  }

  public void start() {
    stream = new RecordingStream();
    stream.enable("jdk.SocketWrite").withThreshold(Duration.ZERO).withoutStackTrace();
    stream.onEvent("jdk.SocketWrite", this::onWrite);
    stream.startAsync();
  }

  private synchronized void onWrite(RecordedEvent e) {
    long second = e.getStartTime().getEpochSecond();
    int slot = (int) Math.floorMod(second, (long) SLOTS);
    if (slotSecond[slot] != second) {
      slotSecond[slot] = second;
      bytesPerSecond[slot].set(0);
      writesPerSecond[slot].set(0);
    }
    bytesPerSecond[slot].addAndGet(e.getLong("bytesWritten"));
    writesPerSecond[slot].incrementAndGet();
    totalBytes.addAndGet(e.getLong("bytesWritten"));
    deliveredUpToMillis = Math.max(deliveredUpToMillis, e.getStartTime().toEpochMilli());
  }

  /** Every byte counted since {@link #start()}, as far as JFR has delivered. */
  public long totalBytes() {
    return totalBytes.get();
  }

  /**
   * Bytes written in whole seconds from {@code from} (rounded up) to {@code to} (rounded down), once JFR
   * has delivered a write that started after {@code to} (it delivers about once a second); an idle
   * process delivers none, so that wait is bounded.
   */
  public Window between(Instant from, Instant to) throws InterruptedException {
    Await.until(() -> deliveredUpToMillis > to.toEpochMilli(), FLUSH_WAIT, Duration.ofMillis(100), waited -> { });
    long first = from.getEpochSecond() + 1;
    long last = to.getEpochSecond() - 1;
    long bytes = 0;
    long writes = 0;
    synchronized (this) {
      for (long s = first; s <= last; s++) {
        int slot = (int) Math.floorMod(s, (long) SLOTS);
        if (slotSecond[slot] == s) {
          bytes += bytesPerSecond[slot].get();
          writes += writesPerSecond[slot].get();
        }
      }
    }
    // Scale the whole seconds counted back up to the window's length.
    double counted = Math.max(1, last - first + 1);
    double scale = Duration.between(from, to).toNanos() / 1e9 / counted;
    return new Window(Math.round(bytes * scale), Math.round(writes * scale));
  }

  @Override
  public void close() {
    if (stream != null) {
      stream.close();
    }
  }
}
