package dev.hearsay.overlay.node;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.overlay.core.Status;
import dev.hearsay.overlay.revocation.RegistrySettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Nodes on loopback that follow a seed registry, reachable or not, for the registry gossip tests; and what to read from them. */
final class RegistryNodes implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(20);

  final TestPki pki;
  private final Path dir;
  private final List<Node> nodes = new ArrayList<>();
  private final Map<Node, SimpleMeterRegistry> metrics = new HashMap<>();

  RegistryNodes(TestPki pki, Path dir) {
    this.pki = pki;
    this.dir = dir;
  }

  /**
   * A registry address that refuses connections: a loopback port that was free a moment ago and
   * that nothing listens on. A node following it really cannot reach a registry.
   */
  static URI unreachable() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return URI.create("https://127.0.0.1:" + s.getLocalPort());
    }
  }

  RegistrySettings following(URI registry) {
    return RegistrySettings.of(registry)
        .withPolling(Duration.ofSeconds(5), Duration.ofSeconds(30))
        .withBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
        .withStartupTimeout(Duration.ofSeconds(3))
        .withClock(pki.clock);
  }

  /** Starts a node following {@code registry} (none when null), with its own data directory and metrics. */
  Node start(Credentials who, List<String> seeds, URI registry) throws Exception {
    NodeConfig config = NodeConfig.loopback(who, seeds).withDataDir(dir.resolve(who.identity().name()));
    SimpleMeterRegistry m = new SimpleMeterRegistry();
    Node node = Node.start(registry == null ? config : config.withRegistry(following(registry)), m, RevocationCheck.NONE);
    nodes.add(node);
    metrics.put(node, m);
    return node;
  }

  /** The sum of the counters named {@code meter} at {@code node} with the given tags (key, value, ...). */
  double count(Node node, String meter, String... tags) {
    return metrics.get(node).find(meter).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> registryHealth(Node node) {
    return (Map<String, Object>) node.health().get("registry");
  }

  String state() {
    return nodes.stream()
        .map(n -> n.identity().name() + ": " + n.view().members().stream()
            .map(m -> m.name() + "=" + m.status()).collect(Collectors.joining(", "))
            + (n.revocations() == null ? "" : " | registry " + registryHealth(n)))
        .collect(Collectors.joining("\n"));
  }

  void awaitConverged(List<Node> group) throws InterruptedException {
    Await.until(WAIT, "every node to see " + group.size() + " ALIVE", () -> group.stream().allMatch(
        n -> group.stream().allMatch(m -> n.view().statusOf(m.identity().uri()) == Status.ALIVE)), this::state);
  }

  @Override
  public void close() {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      nodes.get(i).close();
    }
  }
}
