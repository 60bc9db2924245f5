package dev.hearsay.overlay.node;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hearsay.overlay.core.Formulas;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When this node may dial an address again. The core sends to a peer several times a second; a peer
 * that cannot be reached, or that closes our connections right after the handshake (it has banned
 * us, or is shutting down), would otherwise be dialled that often, and each dial costs it a TLS
 * handshake. A peer's guard counts the handshakes of a banned identity as failed ones for its
 * address, so an honest node dialling at that pace would get its whole address banned.
 *
 * <p>A failed dial, or a connection that closed within {@link #HEALTHY} of opening, is a strike:
 * the next dial waits {@code first · 2^(strikes-1)}, at most {@code max}. A connection that lived
 * longer clears the address's strikes. Messages for an address that may not be dialled yet are
 * dropped; gossip is lossy by design and the core retries on its own timers.
 */
final class DialBackoff {
  /** A connection that lived this long was not refused. */
  static final Duration HEALTHY = Duration.ofSeconds(2);
  /** Addresses with strikes remembered at most (least recently used go first). */
  static final int MAX_ADDRESSES = 4096;

  private record Strikes(int count, long notBefore) {}

  private final long firstNanos;
  private final long maxNanos;
  private final LongSupplier nanoTime;
  private final Cache<String, Strikes> strikes;

  DialBackoff(Duration first, Duration max, LongSupplier nanoTime) {
    if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("dial back-off must satisfy 0 < first <= max");
    }
    this.firstNanos = first.toNanos();
    this.maxNanos = max.toNanos();
    this.nanoTime = nanoTime;
    this.strikes = Caffeine.newBuilder()
        .maximumSize(MAX_ADDRESSES)
        .expireAfterWrite(max.multipliedBy(4)) // long after the last wait ended, strikes are forgotten
        .ticker(nanoTime::getAsLong)
        .executor(Runnable::run)
        .build();
  }

  /** Whether {@code address} may be dialled now. */
  boolean mayDial(String address) {
    Strikes s = strikes.getIfPresent(address);
    return s == null || nanoTime.getAsLong() - s.notBefore() >= 0;
  }

  /** A dial of {@code address} failed (refused, timed out, handshake failed). */
  void failed(String address) {
    long now = nanoTime.getAsLong();
    strikes.asMap().compute(address, (a, previous) -> {
      int count = previous == null ? 1 : Math.min(previous.count() + 1, 30);
      return new Strikes(count, now + waitAfter(count));
    });
  }

  /** A connection to {@code address}, authenticated at {@code openedAt}, has closed. */
  void closed(String address, long openedAt) {
    if (nanoTime.getAsLong() - openedAt < HEALTHY.toNanos()) {
      failed(address);
    } else {
      strikes.invalidate(address);
    }
  }

  /** How long the dial after the {@code count}-th strike in a row waits. */
  long waitAfter(int count) {
    return Formulas.doubled(firstNanos, count - 1, maxNanos);
  }
}
