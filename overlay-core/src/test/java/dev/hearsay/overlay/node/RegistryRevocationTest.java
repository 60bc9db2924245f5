package dev.hearsay.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.IssueRequest;
import dev.hearsay.crypto.MutableClock;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.overlay.claims.SigningProofSource;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Gossip;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.Status;
import dev.hearsay.overlay.revocation.RegistrySettings;
import dev.hearsay.overlay.revocation.StalenessPolicy;
import dev.hearsay.overlay.transport.RejectReason;
import dev.hearsay.registry.client.RegistryClient;
import dev.hearsay.registry.client.RegistryClientOptions;
import dev.hearsay.registry.log.RevocationTarget;
import dev.hearsay.registry.server.RegistryConfig;
import dev.hearsay.registry.server.RegistryServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes following a real registry over mutual TLS on loopback: an operator's revocation reaches
 * every node, which then refuses the target's handshakes and claims and shows it REVOKED for good;
 * a restart while the registry is down forgets nothing; the closed staleness policy keeps newcomers out.
 */
class RegistryRevocationTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;
  private final TestPki pki = new TestPki();
  private final Credentials registryCredentials = issue(NodeIdentity.registry(TestPki.DOMAIN, "r1"));
  private final Credentials operator = issue(NodeIdentity.operator(TestPki.DOMAIN, "alice"));
  private final List<AutoCloseable> open = new ArrayList<>();
  private final List<Node> nodes = new ArrayList<>();
  private RegistryServer registry;

  @AfterEach
  void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private Credentials issue(NodeIdentity identity) {
    return Credentials.of(pki.ca.issueWithNewKey(IssueRequest.of(identity)), pki.ca.trustBundle());
  }

  private void startRegistry() throws Exception {
    registry = RegistryServer.start(
        RegistryConfig.of(registryCredentials, new InetSocketAddress("127.0.0.1", 0), dir.resolve("registry")).withClock(pki.clock));
    open.add(registry);
  }

  private URI registryUri() {
    return URI.create("https://127.0.0.1:" + registry.port());
  }

  private RegistrySettings following(Clock clock) {
    return RegistrySettings.of(registryUri())
        .withPolling(Duration.ofSeconds(5), Duration.ofSeconds(30))
        .withBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
        .withStartupTimeout(Duration.ofSeconds(3))
        .withClock(clock);
  }

  private final Map<Node, SimpleMeterRegistry> metricsOf = new java.util.HashMap<>();

  private static double refusedClaims(SimpleMeterRegistry metrics) {
    return metrics.find("hearsay.claims.rejected").tag("reason", "signer_revoked").counters().stream()
        .mapToDouble(c -> c.count()).sum();
  }

  private Node start(Credentials who, List<String> seeds, RegistrySettings registrySettings, SimpleMeterRegistry metrics)
      throws Exception {
    NodeConfig config = NodeConfig.loopback(who, seeds).withDataDir(dir.resolve(who.identity().name()));
    Node node = Node.start(registrySettings == null ? config : config.withRegistry(registrySettings), metrics, RevocationCheck.NONE);
    open.add(node);
    nodes.add(node);
    metricsOf.put(node, metrics);
    return node;
  }

  private Node start(Credentials who, List<String> seeds, RegistrySettings registrySettings) throws Exception {
    return start(who, seeds, registrySettings, new SimpleMeterRegistry());
  }

  private RegistryClient operatorClient() throws Exception {
    RegistryClient c = RegistryClient.create(registryUri(), operator, RegistryClientOptions.DEFAULTS.withClock(pki.clock));
    open.add(c);
    return c;
  }

  private String state() {
    return nodes.stream()
        .map(n -> n.identity().name() + ": " + n.view().members().stream()
            .map(m -> m.name() + "=" + m.status()).collect(Collectors.joining(", ")))
        .collect(Collectors.joining("\n"));
  }

  private void awaitConverged(List<Node> group) throws InterruptedException {
    Await.until(WAIT, "every node to see " + group.size() + " ALIVE", () -> group.stream().allMatch(
        n -> group.stream().allMatch(m -> n.view().statusOf(m.identity().uri()) == Status.ALIVE)), this::state);
  }

  /**
   * With TLS 1.3 the client side finishes its handshake before the server has judged the client's
   * certificate, so a refused client may see its connection open for a moment: refused means the
   * node counted a failed handshake, registered no connection, and the connection is closed.
   */
  private static void assertRefused(TestPki pki, Credentials who, Node node) throws Exception {
    double before = node.transport().rejections().count(RejectReason.HANDSHAKE_FAILED);
    try (WireClient c = new WireClient(pki, who)) {
      try {
        c.connect(node.address(), node.identity());
        assertTrue(c.channel.closeFuture().await(WAIT.toMillis()), "the node must close the connection");
      } catch (java.util.concurrent.ExecutionException refusedDuringTheHandshake) {
        // the other way to be refused
      }
    }
    Await.until(WAIT, "the node to count the refused handshake of " + who.identity(),
        () -> node.transport().rejections().count(RejectReason.HANDSHAKE_FAILED) > before, () -> "");
    assertEquals(0, node.transport().connections().connectionCount(who.identity()));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> registryHealth(Node node) {
    return (Map<String, Object>) node.health().get("registry");
  }

  @Test
  void aRevokedNodeIsRefusedAndRevokedEverywhereAndCannotComeBackWithARenewedCertificate() throws Exception {
    startRegistry();
    Node seed = start(pki.node("blue", "n0"), List.of(), following(pki.clock));
    List<Node> honest = new ArrayList<>(List.of(seed));
    for (int i = 1; i < 3; i++) {
      honest.add(start(pki.node("blue", "n" + i), List.of(seed.address()), following(pki.clock)));
    }
    // The target follows no registry: it keeps probing and gossiping after it is revoked.
    Credentials targetCredentials = pki.node("blue", "mallory");
    Node target = start(targetCredentials, List.of(seed.address()), null);
    awaitConverged(nodes);
    String targetUri = target.identity().uri();

    long published = System.nanoTime();
    operatorClient().publish(RevocationTarget.identity(target.identity()), "key leaked");
    Duration enforced = Await.until(WAIT, "every node to show the target REVOKED and hold no connection with it",
        () -> honest.stream().allMatch(n -> n.view().statusOf(targetUri) == Status.REVOKED
            && n.transport().connections().connectionCount(target.identity()) == 0), this::state);
    System.out.printf("revocation (registry reachable by all %d nodes): publish to last node enforcing %d ms (await granularity 20 ms)%n",
        honest.size(), Duration.ofNanos(System.nanoTime() - published).toMillis());
    assertTrue(enforced.compareTo(WAIT) < 0);

    // It keeps trying: every honest node refuses its handshakes, and it stays REVOKED everywhere.
    Await.until(WAIT, "every honest node to have refused the target's handshakes", () -> honest.stream().allMatch(
        n -> n.transport().rejections().count(RejectReason.HANDSHAKE_FAILED) > 0), this::state);
    // Claims it signed, relayed by a peer in good standing, are refused too, and change nothing.
    SimpleMeterRegistry seedMetrics = metricsOf.get(seed);
    double refusedBefore = refusedClaims(seedMetrics);
    Alive unsigned = new Alive(MemberId.parse(targetUri), 1_000, target.address(), 0, new byte[0]);
    Alive fresh = new Alive(unsigned.subject(), unsigned.incarnation(), unsigned.address(), 0,
        new SigningProofSource(targetCredentials).proofFor(unsigned));
    try (WireClient relay = new WireClient(pki, pki.node("blue", "relay"))) {
      relay.connect(seed.address(), seed.identity());
      relay.send(new Gossip(List.of(fresh), false));
      Await.until(WAIT, "the seed to refuse the revoked node's ALIVE", () -> refusedClaims(seedMetrics) > refusedBefore, this::state);
    }
    assertEquals(Status.REVOKED, seed.view().statusOf(targetUri));
    // The relay may not have heard of the revocation yet: the refusal does not cost it score.
    @SuppressWarnings("unchecked")
    Map<String, Object> rejections = (Map<String, Object>) seed.health().get("rejections");
    assertFalse(((Map<?, ?>) rejections.get("guard")).containsKey("invalid_claim"),
        "relaying a revoked node's claim cost the relay score: " + rejections);

    Credentials renewed = pki.node("blue", "mallory");
    for (Node n : honest) {
      assertRefused(pki, targetCredentials, n);
      assertRefused(pki, renewed, n);
      assertEquals(Status.REVOKED, n.view().statusOf(targetUri));
      assertEquals(1, registryHealth(n).get("revocations"));
    }
  }

  @Test
  void aNewNodeStillJoinsThroughASeedThatHoldsARevokedMember() throws Exception {
    startRegistry();
    Node seed = start(pki.node("blue", "n0"), List.of(), following(pki.clock));
    Node target = start(pki.node("blue", "mallory"), List.of(seed.address()), null);
    awaitConverged(List.of(seed, target));
    operatorClient().publish(RevocationTarget.identity(target.identity()), "key leaked");
    Await.until(WAIT, "the seed to show the target REVOKED", () -> seed.view().statusOf(target.identity().uri()) == Status.REVOKED,
        this::state);

    Node newcomer = start(pki.node("blue", "newcomer"), List.of(seed.address()), null);
    Await.until(WAIT, "the newcomer to join through the seed", () -> newcomer.view().statusOf(seed.identity().uri()) == Status.ALIVE
        && seed.view().statusOf(newcomer.identity().uri()) == Status.ALIVE, this::state);
  }

  @Test
  void aNodeRestartedWhileTheRegistryIsDownStillRefusesTheTarget() throws Exception {
    startRegistry();
    Credentials n0 = pki.node("blue", "n0");
    Credentials revoked = pki.node("blue", "gone");
    Node node = start(n0, List.of(), following(pki.clock));
    operatorClient().publish(RevocationTarget.identity(revoked.identity()), "decommissioned");
    Await.until(WAIT, "the node to accept the revocation", () -> Integer.valueOf(1).equals(registryHealth(node).get("revocations")),
        () -> String.valueOf(node.health()));
    registry.close();
    open.remove(registry);
    node.close();

    Node restarted = start(n0, List.of(), following(pki.clock));
    assertEquals(1, registryHealth(restarted).get("revocations"), () -> String.valueOf(restarted.health()));
    assertRefused(pki, revoked, restarted);
    try (WireClient honest = new WireClient(pki, pki.node("blue", "fine"))) {
      honest.connect(restarted.address(), restarted.identity());
    }
    assertTrue(registryHealth(restarted).get("last_error") != null, "the registry is down: " + restarted.health());
  }

  @Test
  void underTheClosedPolicyAStaleNodeKeepsItsMembersAndRefusesNewcomersWhileAnOpenOneAdmitsThem() throws Exception {
    startRegistry();
    MutableClock closedClock = MutableClock.startingNow();
    MutableClock openClock = MutableClock.startingNow();
    Duration maxStaleness = Duration.ofMinutes(1);
    SimpleMeterRegistry closedMetrics = new SimpleMeterRegistry();
    Node closed = start(pki.node("blue", "closed"), List.of(),
        following(closedClock).withStaleness(maxStaleness, StalenessPolicy.CLOSED), closedMetrics);
    Node opened = start(pki.node("blue", "open"), List.of(closed.address()),
        following(openClock).withStaleness(maxStaleness, StalenessPolicy.OPEN));
    Node member = start(pki.node("blue", "member"), List.of(closed.address()), null);
    awaitConverged(List.of(closed, opened, member));
    assertEquals(false, registryHealth(closed).get("stale"));
    assertEquals(0.0, closedMetrics.get("hearsay.registry.stale").gauge().value());

    closedClock.advance(Duration.ofHours(1));
    openClock.advance(Duration.ofHours(1));
    assertEquals(true, registryHealth(closed).get("stale"));
    assertEquals(true, registryHealth(opened).get("stale"));
    assertEquals(1.0, closedMetrics.get("hearsay.registry.stale").gauge().value());
    assertTrue(closedMetrics.get("hearsay.registry.head.age.seconds").gauge().value() >= 3600);

    // A newcomer through the open node gets in there; the closed node refuses its handshakes and its claims.
    double handshakesBefore = closed.transport().rejections().count(RejectReason.HANDSHAKE_FAILED);
    Node newcomer = start(pki.node("blue", "newcomer"), List.of(opened.address()), null);
    String newcomerUri = newcomer.identity().uri();
    Await.until(WAIT, "the open node and the old member to list the newcomer", () -> opened.view().statusOf(newcomerUri) == Status.ALIVE
        && member.view().statusOf(newcomerUri) == Status.ALIVE, this::state);
    Await.until(WAIT, "the closed node to refuse the newcomer's claims and handshakes", () ->
        refusedClaims(closedMetrics) > 0
            && closed.transport().rejections().count(RejectReason.HANDSHAKE_FAILED) > handshakesBefore, this::state);
    assertNull(closed.view().member(newcomerUri), this::state);
    assertEquals(Status.ALIVE, closed.view().statusOf(member.identity().uri()));
    assertEquals(Status.ALIVE, closed.view().statusOf(opened.identity().uri()));
  }
}
