package dev.hearsay.overlay.bootstrap;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.registry.api.SeedAddress;
import dev.hearsay.registry.client.Seed;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Which listed seeds to join through. The list is trusted for addresses only: the identity an entry
 * names is used to skip this node's own entry and, once joined, members already known; whoever
 * actually answers at an address is decided by the mutual-TLS handshake and its signed claims.
 */
final class SeedSelection {
  private final NodeIdentity self;
  private final SeedAddress selfAddress;

  /** @param selfAddress this node's advertised address; null when it is not a valid seed address */
  SeedSelection(NodeIdentity self, SeedAddress selfAddress) {
    this.self = self;
    this.selfAddress = selfAddress;
  }

  /**
   * Up to {@code max} distinct addresses in random order, leaving out this node's own entries (by
   * identity or by address) and entries whose identity {@code skip} says to leave out.
   */
  List<SeedAddress> pick(List<Seed> listed, Predicate<NodeIdentity> skip, int max, RandomGenerator random) {
    Set<SeedAddress> candidates = new LinkedHashSet<>();
    for (Seed s : listed) {
      boolean own = s.identity().equals(self) || s.address().equals(selfAddress);
      if (!own && !skip.test(s.identity())) {
        candidates.add(s.address());
      }
    }
    List<SeedAddress> shuffled = new ArrayList<>(candidates);
    Collections.shuffle(shuffled, new Random(random.nextLong()));
    return List.copyOf(shuffled.subList(0, Math.min(max, shuffled.size())));
  }
}
