package dev.hearsay.overlay.node;

import com.github.benmanes.caffeine.cache.Cache;
import dev.hearsay.crypto.Caches;
import dev.hearsay.overlay.core.Formulas;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When this node may dial an address again. The core sends to a peer several times a second; a peer
 * that cannot be reached, or that closes our connections right after the handshake (it has banned
 * us, or is shutting down), would otherwise be dialled that often.
 *
 * <p>Each failure is a strike, and the next dial waits {@code first · 2^(strikes-1)}, at most
 * {@code max}, on one of two schedules:
 * <ul>
 *   <li>{@link #UNREACHABLE}: nothing answered (refused or timed out before any handshake). That costs
 *       the peer nothing, and a peer back from a restart or a partition should be found soon.
 *   <li>{@link #REFUSED}: the peer did a handshake for us and refused it, or closed the connection
 *       within {@link #HEALTHY} of opening. A peer's guard counts the handshakes of identities it
 *       refuses against their address (five a minute), so an honest node it refused must redial
 *       slowly, or it gets its whole address banned: at most five dials in any minute.
 * </ul>
 * A connection that lived longer clears the address's strikes. Messages for an address that may not
 * be dialled yet are dropped; gossip is lossy by design and the core retries on its own timers.
 */
final class DialBackoff {
  /** A connection that lived this long was not refused. */
  static final Duration HEALTHY = Duration.ofSeconds(2);
  /** Addresses with strikes remembered at most (least recently used go first). */
  static final int MAX_ADDRESSES = 4096;

  /** The wait after the first strike, doubling with each further one up to {@code max}. */
  record Schedule(Duration first, Duration max) {
    Schedule {
      if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
        throw new IllegalArgumentException("dial back-off must satisfy 0 < first <= max");
      }
    }

    long waitAfter(int strikes) {
      return Formulas.doubled(first.toNanos(), strikes - 1, max.toNanos());
    }
  }

  /** After dials nothing answered: 0.5 s, doubling to 10 s. */
  static final Schedule UNREACHABLE = new Schedule(Duration.ofMillis(500), Duration.ofSeconds(10));
  /** After dials the peer refused: 2 s, doubling to 60 s (dials at 0, 2, 6, 14, 30, 62 s, ...). */
  static final Schedule REFUSED = new Schedule(Duration.ofSeconds(2), Duration.ofSeconds(60));

  private record Strikes(int count, long notBefore) {}

  private final Schedule unreachable;
  private final Schedule refused;
  private final LongSupplier nanoTime;
  private final Cache<String, Strikes> strikes;

  DialBackoff(Schedule unreachable, Schedule refused, LongSupplier nanoTime) {
    this.unreachable = unreachable;
    this.refused = refused;
    this.nanoTime = nanoTime;
    Duration longest = unreachable.max().compareTo(refused.max()) > 0 ? unreachable.max() : refused.max();
    this.strikes = Caches.builder()
        .maximumSize(MAX_ADDRESSES)
        .expireAfterWrite(longest.multipliedBy(4)) // long after the last wait ended, strikes are forgotten
        .ticker(nanoTime::getAsLong)
        .build();
  }

  /** The node's back-off: {@link #UNREACHABLE} and {@link #REFUSED} on the real clock. */
  static DialBackoff withDefaults() {
    return new DialBackoff(UNREACHABLE, REFUSED, System::nanoTime);
  }

  /** Whether {@code address} may be dialled now. */
  boolean mayDial(String address) {
    Strikes s = strikes.getIfPresent(address);
    return s == null || nanoTime.getAsLong() - s.notBefore() >= 0;
  }

  /** Nothing answered a dial of {@code address} (connection refused or timed out). */
  void unreachable(String address) {
    strike(address, unreachable);
  }

  /** {@code address} refused a dial after the handshake began (the handshake failed, or the peer closed it). */
  void refused(String address) {
    strike(address, refused);
  }

  /** A connection to {@code address}, authenticated at {@code openedAt}, has closed. */
  void closed(String address, long openedAt) {
    if (nanoTime.getAsLong() - openedAt < HEALTHY.toNanos()) {
      refused(address);
    } else {
      strikes.invalidate(address);
    }
  }

  private void strike(String address, Schedule schedule) {
    long now = nanoTime.getAsLong();
    strikes.asMap().compute(address, (a, previous) -> {
      int count = previous == null ? 1 : Math.min(previous.count() + 1, 30);
      return new Strikes(count, now + schedule.waitAfter(count));
    });
  }
}
