package dev.hearsay.registry.server;

import dev.hearsay.crypto.KeyMaterial;
import dev.hearsay.registry.log.LogPosition;
import dev.hearsay.registry.log.SignedHead;
import dev.hearsay.registry.store.RevocationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Signs the store's current head. A head is re-signed when the log moves or when the cached one is
 * older than the refresh interval, so its time shows freshness without a signature per request.
 */
final class HeadSigner {
  private final RevocationStore store;
  private final KeyMaterial key;
  private final Clock clock;
  private final Duration refresh;
  private SignedHead cached;

  HeadSigner(RevocationStore store, KeyMaterial key, Clock clock, Duration refresh) {
    this.store = store;
    this.key = key;
    this.clock = clock;
    this.refresh = refresh;
  }

  synchronized SignedHead current() {
    LogPosition position = store.position();
    Instant now = clock.instant();
    if (cached == null
        || !cached.position().equals(position)
        || now.isBefore(cached.time())
        || Duration.between(cached.time(), now).compareTo(refresh) >= 0) {
      cached = SignedHead.sign(position, now, key);
    }
    return cached;
  }
}
