package dev.hearsay.registry.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.hearsay.crypto.Caches;
import dev.hearsay.crypto.NodeIdentity;
import java.time.Duration;

/** A token bucket per identity. Buckets of identities that went quiet are dropped; the table is bounded. */
final class RateLimiter {
  private static final int MAX_IDENTITIES = 100_000;

  private final double perNano;
  private final int burst;
  private final Ticker ticker;
  private final Cache<NodeIdentity, Bucket> buckets;

  RateLimiter(double perSecond, int burst, Ticker ticker) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.ticker = ticker;
    this.buckets =
        Caches.builder().maximumSize(MAX_IDENTITIES)
            .expireAfterAccess(Duration.ofMinutes(10)).ticker(ticker).build();
  }

  boolean tryAcquire(NodeIdentity identity) {
    long now = ticker.read();
    return buckets.get(identity, id -> new Bucket(burst, now)).tryTake(now, perNano, burst);
  }

  private static final class Bucket {
    private double tokens;
    private long last;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.last = now;
    }

    synchronized boolean tryTake(long now, double perNano, int burst) {
      if (now > last) {
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
      }
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      return false;
    }
  }
}
