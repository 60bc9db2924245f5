package dev.hearsay.registry.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.hearsay.crypto.Caches;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.registry.api.SeedAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Bootstrap addresses registered by nodes: one per identity, forgotten when not renewed within the
 * TTL. Revoked identities are filtered out when listed, so the list never points at them.
 */
final class SeedDirectory {
  record Seed(NodeIdentity identity, SeedAddress address, Instant expires) {}

  private final Cache<NodeIdentity, Seed> seeds;
  private final Clock clock;
  private final Duration ttl;

  SeedDirectory(Duration ttl, int maxSeeds, Ticker ticker, Clock clock) {
    this.seeds = Caches.builder().expireAfterWrite(ttl).maximumSize(maxSeeds)
        .ticker(ticker).build();
    this.clock = clock;
    this.ttl = ttl;
  }

  Seed register(NodeIdentity identity, SeedAddress address) {
    Seed seed = new Seed(identity, address, clock.instant().plus(ttl));
    seeds.put(identity, seed);
    return seed;
  }

  /** Up to {@code limit} live seeds, in random order so load spreads over them. */
  List<Seed> list(int limit, java.util.function.Predicate<NodeIdentity> revoked) {
    List<Seed> live = new ArrayList<>();
    for (Seed s : seeds.asMap().values()) {
      if (!revoked.test(s.identity())) {
        live.add(s);
      }
    }
    Collections.shuffle(live);
    return live.size() <= limit ? live : live.subList(0, limit);
  }

  int size() {
    seeds.cleanUp();
    return (int) seeds.estimatedSize();
  }
}
