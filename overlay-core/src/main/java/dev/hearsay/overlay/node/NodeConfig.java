package dev.hearsay.overlay.node;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.overlay.core.MembershipConfig;
import dev.hearsay.overlay.transport.TransportConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything a node needs to run. {@code advertisedAddress} is what the node's ALIVE tells others
 * (the bind address unless set); {@code dataDir} (may be null) keeps the incarnation across
 * restarts.
 */
public record NodeConfig(
    Credentials credentials,
    InetSocketAddress bind,
    String advertisedAddress,
    List<String> seeds,
    MembershipConfig membership,
    TransportConfig transport,
    Path dataDir) {

  public NodeConfig {
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(bind, "bind");
    seeds = List.copyOf(seeds);
    Objects.requireNonNull(membership, "membership");
    Objects.requireNonNull(transport, "transport");
  }
}
