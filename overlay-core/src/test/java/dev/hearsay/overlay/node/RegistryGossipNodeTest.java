package dev.hearsay.overlay.node;

import static dev.hearsay.overlay.node.RegistryNodes.WAIT;
import static dev.hearsay.overlay.node.RegistryNodes.registryHealth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.IssueRequest;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.overlay.core.Status;
import dev.hearsay.registry.client.RegistryClient;
import dev.hearsay.registry.client.RegistryClientOptions;
import dev.hearsay.registry.log.RevocationTarget;
import dev.hearsay.registry.server.RegistryConfig;
import dev.hearsay.registry.server.RegistryServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry gossip between real nodes over mutual TLS, with a real registry: a revocation reaches
 * every node through gossip when only one of them can reach the registry (the others follow an
 * address that refuses connections), and a node that joins later pulls the whole log from its
 * peers. Prints the time from publish to the last node enforcing, with the registry reachable by
 * one node and, for comparison, by all.
 */
class RegistryGossipNodeTest {
  @TempDir Path dir;
  private final TestPki pki = new TestPki();
  private RegistryNodes cluster;
  private RegistryServer registry;
  private RegistryClient operator;

  @BeforeEach
  void startRegistry() throws Exception {
    cluster = new RegistryNodes(pki, dir);
    registry = RegistryServer.start(RegistryConfig.of(issue(NodeIdentity.registry(TestPki.DOMAIN, "r1")),
        new InetSocketAddress("127.0.0.1", 0), dir.resolve("registry")).withClock(pki.clock));
    operator = RegistryClient.create(registryUri(), issue(NodeIdentity.operator(TestPki.DOMAIN, "alice")),
        RegistryClientOptions.DEFAULTS.withClock(pki.clock));
  }

  @AfterEach
  void stop() throws Exception {
    operator.close();
    cluster.close();
    registry.close();
  }

  private Credentials issue(NodeIdentity identity) {
    return Credentials.of(pki.ca.issueWithNewKey(IssueRequest.of(identity)), pki.ca.trustBundle());
  }

  private URI registryUri() {
    return URI.create("https://127.0.0.1:" + registry.port());
  }

  @Test
  void withTheRegistryReachableByOneNodeARevocationStillReachesEveryNode() throws Exception {
    Duration enforced = spread(1);
    System.out.printf("revocation (registry reachable by 1 of 4 nodes, the others refused): publish to last node enforcing %d ms"
        + " (await granularity 20 ms)%n", enforced.toMillis());
  }

  @Test
  void forComparisonWithTheRegistryReachableByAllNodes() throws Exception {
    Duration enforced = spread(4);
    System.out.printf("revocation (registry reachable by all 4 nodes): publish to last node enforcing %d ms (await granularity 20 ms)%n",
        enforced.toMillis());
  }

  /**
   * Four honest nodes, the first {@code reachable} following the registry and the rest an address
   * that refuses connections, and a target that follows none; the target is revoked. Returns the
   * time from publish until every honest node shows it REVOKED and holds no connection with it.
   */
  private Duration spread(int reachable) throws Exception {
    URI blocked = RegistryNodes.unreachable();
    List<Node> honest = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      List<String> seeds = honest.isEmpty() ? List.of() : List.of(honest.get(0).address());
      honest.add(cluster.start(pki.node("blue", "n" + i), seeds, i < reachable ? registryUri() : blocked));
    }
    Node target = cluster.start(pki.node("blue", "mallory"), List.of(honest.get(0).address()), null);
    List<Node> all = new ArrayList<>(honest);
    all.add(target);
    cluster.awaitConverged(all);
    List<Node> cut = honest.subList(reachable, honest.size());
    for (Node n : cut) {
      assertNotNull(registryHealth(n).get("last_error"), () -> n.identity().name() + " must not reach the registry: " + n.health());
    }

    long published = System.nanoTime();
    operator.publish(RevocationTarget.identity(target.identity()), "key leaked");
    String targetUri = target.identity().uri();
    Await.until(WAIT, "every honest node to show the target REVOKED and hold no connection with it",
        () -> honest.stream().allMatch(n -> n.view().statusOf(targetUri) == Status.REVOKED
            && n.transport().connections().connectionCount(target.identity()) == 0), cluster::state);
    Duration enforced = Duration.ofNanos(System.nanoTime() - published);

    for (Node n : cut) {
      assertEquals(1, registryHealth(n).get("revocations"), () -> String.valueOf(n.health()));
      assertTrue(cluster.count(n, "hearsay.registry.gossip.offers", "outcome", "accepted") >= 1, cluster::state);
      assertNotNull(registryHealth(n).get("last_error"), () -> "still cut off from the registry: " + n.health());
    }
    return enforced;
  }

  @Test
  void aNodeThatJoinsLaterPullsTheWholeLogFromItsPeersPageByPage() throws Exception {
    Node first = cluster.start(pki.node("blue", "first"), List.of(), registryUri());
    int published = 70; // more than one message holds, so the log comes in two pages
    for (int i = 0; i < published; i++) {
      operator.publish(RevocationTarget.identity(NodeIdentity.node(TestPki.DOMAIN, "blue", "gone" + i)), "decommissioned");
    }
    Await.until(WAIT, "the first node to hold every entry", () -> Integer.valueOf(published).equals(registryHealth(first).get("revocations")),
        cluster::state);

    Node late = cluster.start(pki.node("blue", "late"), List.of(first.address()), RegistryNodes.unreachable());
    Await.until(WAIT, "the late node to hold every entry and count the offer that brought them",
        () -> Integer.valueOf(published).equals(registryHealth(late).get("revocations"))
            && cluster.count(late, "hearsay.registry.gossip.offers", "outcome", "accepted") >= 1, cluster::state);
    assertEquals(first.revocations().head().position(), late.revocations().head().position());
    assertTrue(cluster.count(late, "hearsay.registry.gossip.sent", "type", "RevocationPull") >= 2, cluster::state);
    assertEquals(1.0, cluster.count(late, "hearsay.registry.gossip.offers", "outcome", "accepted"), "one offer, with both pages");
    assertNotNull(registryHealth(late).get("last_error"), () -> late.health().toString());
  }
}
