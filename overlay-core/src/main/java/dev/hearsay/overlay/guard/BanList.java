package dev.hearsay.overlay.guard;

import com.github.benmanes.caffeine.cache.Cache;
import dev.hearsay.crypto.Caches;
import dev.hearsay.overlay.core.Formulas;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Temporary bans with exponential backoff, by key (an identity or an address). The n-th ban within
 * {@code memory} of the previous one lasts {@code first · 2^(n-1)}, at most {@code max}. Records are
 * forgotten {@code memory} after their last ban, and at most {@code capacity} are held (least
 * recently used go first), so a ban list costs bounded memory whatever peers do.
 */
final class BanList<K> {
  /** A ban record: how many bans so far, and until when the latest one lasts. */
  private record Ban(int strikes, long until) {}

  private final Cache<K, Ban> bans;
  private final LongSupplier nanoTime;
  private final long firstNanos;
  private final long maxNanos;

  BanList(Duration first, Duration max, Duration memory, int capacity, LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.firstNanos = first.toNanos();
    this.maxNanos = max.toNanos();
    this.bans = Caches.builder()
        .maximumSize(capacity)
        .expireAfterWrite(memory.plus(max))
        .ticker(nanoTime::getAsLong)
        .build();
  }

  /** Bans {@code key} (again); returns the length of this ban. */
  Duration ban(K key) {
    long now = nanoTime.getAsLong();
    Ban next = bans.asMap().compute(key, (k, previous) -> {
      int strikes = previous == null ? 1 : Math.min(previous.strikes() + 1, 62);
      return new Ban(strikes, now + lengthOf(strikes));
    });
    return Duration.ofNanos(next.until() - now);
  }

  private long lengthOf(int strikes) {
    return Formulas.doubled(firstNanos, strikes - 1, maxNanos);
  }

  boolean isBanned(K key) {
    Ban b = bans.getIfPresent(key);
    return b != null && nanoTime.getAsLong() - b.until() < 0;
  }

  /** How many bans {@code key} has had within the memory window (0 if none). */
  int strikes(K key) {
    Ban b = bans.getIfPresent(key);
    return b == null ? 0 : b.strikes();
  }

  long activeBans() {
    long now = nanoTime.getAsLong();
    return bans.asMap().values().stream().filter(b -> now - b.until() < 0).count();
  }
}
