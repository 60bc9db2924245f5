package dev.hearsay.registry.client;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A ticker tests move by hand, so expiry and refill are tested without waiting. */
final class FakeTicker implements Ticker {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  void advance(Duration by) {
    nanos.addAndGet(by.toNanos());
  }

  @Override
  public long read() {
    return nanos.get();
  }
}
