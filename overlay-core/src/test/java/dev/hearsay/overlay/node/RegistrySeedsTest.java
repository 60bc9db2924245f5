package dev.hearsay.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.overlay.bootstrap.SeedSettings;
import dev.hearsay.overlay.core.Status;
import dev.hearsay.overlay.revocation.RegistrySettings;
import dev.hearsay.registry.api.SeedAddress;
import dev.hearsay.registry.client.RegistryClient;
import dev.hearsay.registry.client.RegistryException;
import dev.hearsay.registry.client.Seed;
import dev.hearsay.registry.log.RevocationTarget;
import dev.hearsay.registry.server.RegistryLimits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes that follow a real registry over mutual TLS and are given no seeds: they register their
 * addresses, keep them renewed, and join one another through {@code /v1/seeds}; a stopped node's
 * entry lapses; a node started while the registry is down runs and registers once it is up; the
 * list is trusted for addresses only.
 */
class RegistrySeedsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  /** Short, so a stopped node's entry lapses within a test; renewals then come about every second. */
  private static final Duration SEED_TTL = Duration.ofSeconds(3);
  private static final SeedSettings FAST = SeedSettings.DEFAULTS.withBackoff(Duration.ofMillis(100), Duration.ofMillis(500));

  @TempDir Path dir;
  private final TestPki pki = new TestPki();
  private final List<Node> nodes = new ArrayList<>();
  private TestRegistry registry;

  @AfterEach
  void stop() throws Exception {
    nodes.forEach(Node::close);
    if (registry != null) {
      registry.close();
    }
  }

  private void startRegistry(int port) throws Exception {
    registry = TestRegistry.start(pki, dir.resolve("registry"), port, RegistryLimits.DEFAULTS.withSeedTtl(SEED_TTL));
  }

  private RegistrySettings following(int port) {
    return RegistrySettings.of(TestRegistry.uri(port))
        .withPolling(Duration.ofSeconds(5), Duration.ofSeconds(30))
        .withBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
        .withStartupTimeout(Duration.ofSeconds(1))
        .withClock(pki.clock);
  }

  private Node start(Credentials who, int registryPort, SeedSettings seeding) throws Exception {
    NodeConfig config = NodeConfig.loopback(who, List.of())
        .withDataDir(dir.resolve(who.identity().name()))
        .withRegistry(following(registryPort))
        .withSeeding(seeding);
    Node node = Node.start(config, new SimpleMeterRegistry(), RevocationCheck.NONE);
    nodes.add(node);
    return node;
  }

  /** A registry and two nodes of tenant blue ({@link #nodes} 0 and 1), converged and both listed; returns a client to read the list with. */
  private RegistryClient twoListed(String first, String second) throws Exception {
    startRegistry(0);
    Node a = start(pki.node("blue", first), registry.port(), FAST);
    Node b = start(pki.node("blue", second), registry.port(), FAST);
    awaitConverged(List.of(a, b));
    RegistryClient anyone = registry.client(registry.operator);
    Await.until(WAIT, "both listed", () -> listedQuietly(anyone).size() == 2, this::state);
    return anyone;
  }

  private static Set<NodeIdentity> listed(RegistryClient client) throws RegistryException {
    return client.seeds().stream().map(Seed::identity).collect(Collectors.toSet());
  }

  private String state() {
    return nodes.stream()
        .map(n -> n.identity().name() + ": " + n.view().members().stream()
            .map(m -> m.name() + "=" + m.status()).collect(Collectors.joining(", ")) + "\n  seeds " + n.health().get("seeds"))
        .collect(Collectors.joining("\n"));
  }

  private void awaitConverged(List<Node> group) throws InterruptedException {
    Await.until(WAIT, "every node to see " + group.size() + " ALIVE", () -> group.stream().allMatch(
        n -> group.stream().allMatch(m -> n.view().statusOf(m.identity().uri()) == Status.ALIVE)), this::state);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> seedHealth(Node node, String part) {
    return (Map<String, Object>) ((Map<String, Object>) node.health().get("seeds")).get(part);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void threeNodesWithoutSeedsConvergeThroughTheRegistrysSeedList() throws Exception {
    startRegistry(0);
    List<Node> group = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      group.add(start(pki.node("blue", "n" + i), registry.port(), FAST));
    }
    awaitConverged(group);
    RegistryClient anyone = registry.client(registry.operator);
    Await.until(WAIT, "all three listed as seeds", () -> {
      try {
        return listed(anyone).equals(group.stream().map(Node::identity).collect(Collectors.toSet()));
      } catch (RegistryException e) {
        return false;
      }
    }, this::state);
    Await.until(WAIT, "every node to report how it joined", () -> group.stream()
        .allMatch(n -> "joined".equals(seedHealth(n, "bootstrap").get("state")) && seedHealth(n, "bootstrap").get("source") != null),
        this::state);
    // Nobody had seeds of its own: each joined through the list, or was joined through it by another.
    Set<Object> sources = group.stream().map(n -> seedHealth(n, "bootstrap").get("source")).collect(Collectors.toSet());
    assertTrue(Set.of("registry", "peer").containsAll(sources) && sources.contains("registry"), this::state);
    for (Node n : group) {
      Map<String, Object> registration = seedHealth(n, "registration");
      assertEquals(true, registration.get("registered"), this::state);
      assertEquals(n.address(), registration.get("address"));
      assertNotNull(registration.get("last_renewal"));
    }
  }

  @Test
  void aStoppedNodesEntryLapsesWhileARunningNodeKeepsRenewingPastTheTtl() throws Exception {
    RegistryClient anyone = twoListed("stays", "goes");
    Node stays = nodes.get(0);
    Node goes = nodes.get(1);

    goes.leave(Duration.ofMillis(200));
    long stopped = System.nanoTime();
    Await.until(WAIT, "the stopped node's entry to lapse", () -> !listedQuietly(anyone).contains(goes.identity()), this::state);
    Duration lapsed = Duration.ofNanos(System.nanoTime() - stopped);
    // The survivor registered before the other node even started, so without renewals its entry
    // would have lapsed first: still listed, it has kept renewing.
    assertEquals(Set.of(stays.identity()), listed(anyone), this::state);
    assertTrue(lapsed.compareTo(SEED_TTL.plusSeconds(5)) < 0, "lapsed after " + lapsed);
  }

  @Test
  void aNodeStartedWhileTheRegistryIsDownRunsAndRegistersOnceItIsUp() throws Exception {
    int port = freePort();
    Node early = start(pki.node("blue", "early"), port, FAST);
    Await.until(WAIT, "the node to count a failed registration", () -> seedHealth(early, "registration").get("last_error") != null,
        this::state);
    assertEquals(false, seedHealth(early, "registration").get("registered"));
    assertEquals("alone", seedHealth(early, "bootstrap").get("state"));

    startRegistry(port);
    RegistryClient anyone = registry.client(registry.operator);
    Await.until(WAIT, "the node to be listed once the registry is up", () -> listedQuietly(anyone).contains(early.identity()),
        this::state);
    Await.until(WAIT, "its health to say so", () -> Boolean.TRUE.equals(seedHealth(early, "registration").get("registered")),
        this::state);
    assertNull(seedHealth(early, "registration").get("last_error"));

    // And a second node, given no seeds, finds it there.
    Node late = start(pki.node("blue", "late"), port, FAST);
    awaitConverged(List.of(early, late));
  }

  @Test
  void aRevokedNodeIsNotListedAndANewcomerJoinsWithoutIt() throws Exception {
    RegistryClient anyone = twoListed("honest", "revoked");
    Node honest = nodes.get(0);
    Node revoked = nodes.get(1);

    anyone.publish(RevocationTarget.identity(revoked.identity()), "key leaked");
    assertEquals(Set.of(honest.identity()), listed(anyone));
    // Its renewals are refused from now on (the registry will not even complete its handshake), and it says so.
    Await.until(WAIT, "the revoked node to report failed renewals",
        () -> seedHealth(revoked, "registration").get("last_error") != null, this::state);

    Node newcomer = start(pki.node("blue", "newcomer"), registry.port(), FAST);
    awaitConverged(List.of(honest, newcomer));
    Await.until(WAIT, "the newcomer to learn the revocation", () -> newcomer.view().statusOf(revoked.identity().uri()) == null
        || newcomer.view().statusOf(revoked.identity().uri()) == Status.REVOKED, this::state);
  }

  @Test
  void aListedIdentityIsOnlyAHintTheHandshakeDecidesWhoAnswers() throws Exception {
    startRegistry(0);
    Node real = start(pki.node("blue", "real"), registry.port(), FAST.withRegister(false));
    // A valid node of the overlay lists the real node's address under its own name, and runs nothing.
    Credentials liar = pki.node("blue", "liar");
    registry.client(liar).registerSeed(SeedAddress.parse(real.address()));
    RegistryClient anyone = registry.client(registry.operator);
    assertEquals(Set.of(liar.identity()), listed(anyone), "the real node does not register: " + state());
    assertEquals(Map.of("enabled", false), seedHealth(real, "registration"));

    Node joiner = start(pki.node("blue", "joiner"), registry.port(), FAST);
    awaitConverged(List.of(real, joiner));
    // The join went to the address, and the node that answered there is the one in the view.
    assertNull(joiner.view().statusOf(liar.identity().uri()), this::state);
    assertEquals("registry", seedHealth(joiner, "bootstrap").get("source"), this::state);
    assertEquals(List.of(real.address()), seedHealth(joiner, "bootstrap").get("through"), this::state);
  }

  private static Set<NodeIdentity> listedQuietly(RegistryClient client) {
    try {
      return listed(client);
    } catch (RegistryException e) {
      return Set.of();
    }
  }
}
