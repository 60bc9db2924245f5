package dev.hearsay.overlay.node;

import com.github.benmanes.caffeine.cache.Cache;
import dev.hearsay.crypto.Caches;
import dev.hearsay.crypto.NodeIdentity;

/**
 * Parsed identities by URI. Every message sent and every claim decided names members by URI, and
 * parsing one (validation with regular expressions) costs far more than a lookup. Only identities
 * already authenticated reach this cache, and it is bounded.
 */
final class Identities {
  static final int CAPACITY = 100_000;
  private final Cache<String, NodeIdentity> byUri =
      Caches.builder().maximumSize(CAPACITY).build();

  NodeIdentity of(String uri) {
    return byUri.get(uri, NodeIdentity::parse);
  }
}
