package dev.hearsay.overlay.node;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.overlay.bootstrap.SeedSettings;
import dev.hearsay.overlay.core.MembershipConfig;
import dev.hearsay.overlay.core.Metadata;
import dev.hearsay.overlay.revocation.RegistrySettings;
import dev.hearsay.overlay.transport.TransportConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.hearsay.authz.Policy;
import java.util.Objects;

/**
 * Everything a node needs to run. {@code advertisedAddress} is what the node's ALIVE tells others
 * (the bind address unless set); {@code dataDir} (may be null) keeps the incarnation across
 * restarts; {@code metadata} is the node's own key/value metadata, private and shared entries (signed
 * by the node; its version rides in its ALIVE and members pull what they may read);
 * {@code registry} (may be null) is the seed registry the node follows for revocations; {@code policy}
 * (null means {@link Policy#defaults()}) decides who may claim what, the DEAD quorum and the rate limits;
 * {@code seeding} (null means {@link SeedSettings#DEFAULTS}) is how a node with a registry registers
 * itself in the registry's seed list and bootstraps from it.
 */
public record NodeConfig(
    Credentials credentials,
    InetSocketAddress bind,
    String advertisedAddress,
    List<String> seeds,
    MembershipConfig membership,
    TransportConfig transport,
    Path dataDir,
    Metadata metadata,
    RegistrySettings registry,
    Policy policy,
    SeedSettings seeding) {

  public NodeConfig {
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(bind, "bind");
    seeds = List.copyOf(seeds);
    Objects.requireNonNull(membership, "membership");
    Objects.requireNonNull(transport, "transport");
    metadata = metadata == null ? Metadata.NONE : metadata;
    policy = policy == null ? Policy.defaults() : policy;
    seeding = seeding == null ? SeedSettings.DEFAULTS : seeding;
  }

  /** A node that follows no registry; {@code privateMetadata} is readable by its own tenant only. */
  public NodeConfig(
      Credentials credentials, InetSocketAddress bind, String advertisedAddress, List<String> seeds, MembershipConfig membership,
      TransportConfig transport, Path dataDir, Map<String, String> privateMetadata) {
    this(credentials, bind, advertisedAddress, seeds, membership, transport, dataDir,
        new Metadata(privateMetadata, Map.of()), null, null, null);
  }

  public NodeConfig withMetadata(Metadata m) {
    return new NodeConfig(credentials, bind, advertisedAddress, seeds, membership, transport, dataDir, m, registry, policy, seeding);
  }

  public NodeConfig withRegistry(RegistrySettings r) {
    return new NodeConfig(credentials, bind, advertisedAddress, seeds, membership, transport, dataDir, metadata, r, policy, seeding);
  }

  public NodeConfig withDataDir(Path d) {
    return new NodeConfig(credentials, bind, advertisedAddress, seeds, membership, transport, d, metadata, registry, policy, seeding);
  }

  /** The policy: who may claim what, the DEAD quorum, per-role rate limits (defaults when not set). */
  public NodeConfig withPolicy(Policy p) {
    return new NodeConfig(credentials, bind, advertisedAddress, seeds, membership, transport, dataDir, metadata, registry, p, seeding);
  }

  /** Whether and how the node registers as a seed and bootstraps from its registry's seed list. */
  public NodeConfig withSeeding(SeedSettings s) {
    return new NodeConfig(credentials, bind, advertisedAddress, seeds, membership, transport, dataDir, metadata, registry, policy, s);
  }

  /** A node on loopback with the LAN profile and default transport: the common case in tests. */
  public static NodeConfig loopback(Credentials credentials, List<String> seeds) {
    return new NodeConfig(credentials, new InetSocketAddress("127.0.0.1", 0), null, seeds, MembershipConfig.lan(),
        TransportConfig.defaults(), null, Map.of());
  }
}
