package dev.hearsay.registry.client;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.registry.api.SeedAddress;
import java.time.Instant;

/** A node's registered gossip address and when the registration lapses unless renewed. */
public record Seed(NodeIdentity identity, SeedAddress address, Instant expires) {}
