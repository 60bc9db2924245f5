package dev.hearsay.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearsay.chaos.adversary.KeepConnecting;
import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.registry.client.RegistryClient;
import dev.hearsay.registry.client.RevocationPage;
import dev.hearsay.overlay.core.RevocationEntries;
import dev.hearsay.registry.log.RevocationEntry;
import dev.hearsay.registry.log.RevocationTarget;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The registry under faults ({@code mvn verify -Pchaos}), with every node on the {@code closed}
 * staleness policy and a short maximum staleness: its process killed with SIGKILL while an operator
 * publishes revocations (what it acknowledged must survive the restart and reach every node), and
 * killed for good (members keep their views, new nodes are refused until it is back).
 * {@link RegistryOpenChaosIT} shows the {@code open} policy.
 */
@DisplayName("chaos suite, -Pchaos registry scenarios")
@Tag("full")
class RegistryChaosIT extends ClusterScenario {
  static final String MAX_STALENESS = "6s";

  @Override
  ChaosCluster.Topology topology() {
    return ChaosCluster.Topology.standard().withNodeArgs("--registry-max-staleness", MAX_STALENESS, "--registry-policy", "closed");
  }

  @Test
  @DisplayName("registry down, closed policy: members hold, new nodes refused until it is back")
  void underTheClosedPolicyAStaleRegistryKeepsNewNodesOut() throws Exception {
    run(() -> {
      cluster.faults.kill9Registry();
      long killed = System.nanoTime();
      Duration stale = awaitStale(this, true);
      figure("registry killed; every node reports it stale %.1f s later (max staleness %s)", secs(stale), MAX_STALENESS);

      ClusterNode seed = cluster.node("blue-1");
      double before = refusals(seed.metrics());
      KeepConnecting.Report r = new KeepConnecting(adversary(), Duration.ofMillis(250))
          .run(gossipAddress(seed), NodeIdentity.parse(seed.uri), Duration.ofSeconds(5), 1);
      double refused = refusals(seed.metrics()) - before;
      figure("a new node tried to join through %s for 5 s: %d attempts, %.0f refused and counted", seed, r.attempts(), refused);
      assertTrue(refused >= 1, seed + " counted no refusal of the new node");
      for (ClusterNode n : cluster.nodes()) {
        assertFalse(n.members().members().containsKey(ADVERSARY), n + " admitted a new node while the registry was stale");
      }
      assertHonestIntact(cluster.nodes());
      figure("members kept their views %.1f s into the outage", (System.nanoTime() - killed) / 1e9);

      cluster.faults.restartRegistry();
      Duration fresh = awaitStale(this, false);
      figure("registry restarted; every node reports it fresh %.1f s later", secs(fresh));
      adversaryJoins(seed);
      assertHonestIntact(cluster.nodes());
    });
  }

  @Test
  @DisplayName("an insider pushes a self-signed head, an older head and a chain with an entry removed")
  void forgedOlderAndGappedRegistryGossipChangesNothing() throws Exception {
    run(() -> {
      adversaryJoins(cluster.node("blue-1"));
      try (RegistryClient client = RegistryClient.create(registryAddress(), Credentials.load(dir.resolve("operator")))) {
        client.publish(RevocationTarget.identity(ChaosCluster.absentUri("blue", "old-1")), "chaos-test");
        awaitPosition(1);
        // Adversary programs record the registry's head at 1 and wait for it to reach 4. A node
        // quarantines a sender whose offer it refused, so each forgery comes from an identity of its own.
        List<ClusterNode> targets = List.of(cluster.node("blue-1"), cluster.node("green-1"));
        Map<ClusterNode, double[]> before = new java.util.LinkedHashMap<>();
        List<AdversaryProgram> programs = new ArrayList<>();
        for (ClusterNode t : targets) {
          before.put(t, new double[] {gapRefusals(t), refused(t, "untrusted_head")});
          programs.add(startAttackAs("blue", PROGRAM, "registry-forgery", t, joining("--registry", registryAddress().toString(),
              "--forge", "STALE", "--until", "4")));
          programs.add(startAttackAs("green", "eve", "registry-forgery", t, joining("--registry", registryAddress().toString(),
              "--forge", "SELF_SIGNED", "--until", "4")));
        }
        for (AdversaryProgram p : programs) {
          JsonNode r = p.awaitReport(PROGRAM_TIMEOUT, "the recorded head", n -> n.has("recorded_head"));
          assertEquals(1, r.get("recorded_head").asLong(), "a program recorded another head");
        }
        client.publish(RevocationTarget.identity(ChaosCluster.absentUri("blue", "old-2")), "chaos-test");
        awaitPosition(2);
        // Cut every node off the registry, then publish two more: only gossip could bring them now.
        for (ClusterNode n : cluster.nodes()) {
          cluster.faults.cutAddress(n, cluster.registryIp());
        }
        client.publish(RevocationTarget.identity(ChaosCluster.absentUri("blue", "new-3")), "chaos-test");
        client.publish(RevocationTarget.identity(ChaosCluster.absentUri("blue", "new-4")), "chaos-test");
        for (AdversaryProgram p : programs) {
          JsonNode r = p.awaitReport(PROGRAM_TIMEOUT);
          figure("program %s: %s", r.get("forge").asText(), r);
        }
        for (ClusterNode t : targets) {
          double[] b = before.get(t);
          // The stale chain starts past the node's position, so the node asks the sender for the gap,
          // which the program never fills; the pull times out, counted. The self-signed head is refused.
          Await.until(SETTLE, t + " to give up on the gapped chain", () -> gapRefusals(t) > b[0], () -> registryGossipMetrics(t));
          Await.until(SETTLE, t + " to refuse the self-signed head", () -> refused(t, "untrusted_head") > b[1],
              () -> registryGossipMetrics(t));
          figure("%s: gapped chain pulled in vain and dropped %.0f, self-signed head refused (untrusted_head) %.0f; position still %.0f",
              t, gapRefusals(t) - b[0], refused(t, "untrusted_head") - b[1], position(t));
        }
        for (ClusterNode n : cluster.nodes()) {
          assertEquals(2.0, position(n), n + " moved its registry position on forged, older or gapped gossip");
          assertEquals(2.0, n.metrics().get("hearsay_registry_revocations", null, null), n + " holds other revocations");
        }
        figure("all 5 nodes still at position 2 with 2 revocations");

        // The honest case: the whole chain, under the registry's own head, is taken and spread by gossip.
        RevocationPage newer = client.since(2);
        assertEquals(2, newer.entries().size(), "entries 3 and 4");
        send(connect(cluster.node("green-2")), new RevocationEntries(newer.entries(), newer.head()));
        Duration spread = awaitPosition(4);
        figure("the complete chain offered to green-2 by an insider: every node at position 4 %.1f s later, registry unreachable",
            secs(spread));
      }
      assertHonestIntact(cluster.nodes());
    });
  }

  private URI registryAddress() {
    return URI.create("https://" + cluster.registryIp() + ":" + ChaosCluster.REGISTRY_PORT);
  }

  private static double refused(ClusterNode n, String reason) throws Exception {
    return n.metrics().get("hearsay_registry_gossip_refused_total", "reason", reason);
  }

  /** A chain with a gap is refused outright, or held back while the node pulls the gap from the sender. */
  private static double gapRefusals(ClusterNode n) throws Exception {
    return refused(n, "missing_entries") + refused(n, "broken_chain") + refused(n, "pull_timeout");
  }

  /** A node's registry-gossip counters, for failure messages. */
  private static String registryGossipMetrics(ClusterNode n) {
    try {
      return n.metrics().samples().entrySet().stream().filter(e -> e.getKey().contains("registry"))
          .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining("\n"));
    } catch (Exception e) {
      return "(no metrics: " + e + ")";
    }
  }

  private static double position(ClusterNode n) throws Exception {
    return n.metrics().get("hearsay_registry_head_sequence", null, null);
  }

  private Duration awaitPosition(long sequence) throws Exception {
    return Await.until(CONVERGE, "every node at registry position " + sequence, () -> {
      for (ClusterNode n : cluster.nodes()) {
        if (position(n) < sequence) {
          return false;
        }
      }
      return true;
    }, cluster::describe);
  }

  /** Waits until every node's {@code hearsay_registry_stale} gauge says {@code stale}; returns how long that took. */
  static Duration awaitStale(ClusterScenario s, boolean stale) throws Exception {
    double wanted = stale ? 1 : 0;
    return Await.until(CONVERGE, "every node to report the registry " + (stale ? "stale" : "fresh"), () -> {
      for (ClusterNode n : s.cluster.nodes()) {
        if (n.metrics().get("hearsay_registry_stale", null, null) != wanted) {
          return false;
        }
      }
      return true;
    }, s.cluster::describe);
  }

  /** What a node counts when it turns a peer away at the handshake. */
  static double refusals(Metrics m) {
    return m.transportRejections("handshake_failed") + m.transportRejections("peer_not_admitted");
  }

  @Test
  @DisplayName("registry kill -9 during a stream of revocations")
  void acknowledgedRevocationsSurviveAKillAndReachEveryNode() throws Exception {
    run(() -> {
      Credentials operator = Credentials.load(dir.resolve("operator"));
      URI address = registryAddress();
      ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
      AtomicInteger attempted = new AtomicInteger();
      AtomicInteger failed = new AtomicInteger();
      AtomicBoolean stop = new AtomicBoolean();
      try (RegistryClient client = RegistryClient.create(address, operator)) {
        Thread publisher = new Thread(() -> {
          while (!stop.get()) {
            String uri = ChaosCluster.absentUri("blue", "gone-" + attempted.incrementAndGet());
            try {
              client.publish(RevocationTarget.identity(uri), "chaos-test");
              acknowledged.add(uri);
            } catch (Exception e) {
              failed.incrementAndGet(); // the registry is down or died mid-request: not acknowledged
              java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // an operator's retry pace, not a spin
            }
          }
        }, "revocation-publisher");
        publisher.start();
        try {
          Await.until(SETTLE, "a few acknowledged publishes", () -> acknowledged.size() >= 5, cluster::describe);
          cluster.faults.kill9Registry();
          int atKill = acknowledged.size();
          figure("registry killed with SIGKILL after %d acknowledged publishes", atKill);
          cluster.faults.restartRegistry();
          long restart = System.nanoTime();
          Await.until(CONVERGE, "the restarted registry to acknowledge publishes", () -> acknowledged.size() > atKill + 5,
              cluster::describe);
          figure("registry restarted; publishing acknowledged again %.1f s later", (System.nanoTime() - restart) / 1e9);
        } finally {
          stop.set(true);
          publisher.join(SETTLE.toMillis());
        }
        figure("%d publishes attempted, %d acknowledged, %d failed while it was down", attempted.get(), acknowledged.size(),
            failed.get());

        Set<String> logged = new HashSet<>();
        long next = 0;
        while (true) {
          RevocationPage page = client.since(next);
          for (RevocationEntry e : page.entries()) {
            logged.add(e.target().value());
          }
          next = page.next();
          if (!page.more()) {
            break;
          }
        }
        List<String> lost = new ArrayList<>();
        for (String uri : acknowledged) {
          if (!logged.contains(uri)) {
            lost.add(uri);
          }
        }
        figure("the registry's log after the restart holds %d entries; acknowledged but lost: %d", logged.size(), lost.size());
        assertEquals(List.of(), lost, "acknowledged revocations lost");

        int expected = logged.size();
        Duration reached = Await.until(CONVERGE, "every node to hold all " + expected + " revocations", () -> {
          for (ClusterNode n : cluster.nodes()) {
            if (n.metrics().get("hearsay_registry_revocations", null, null) < expected) {
              return false;
            }
          }
          return true;
        }, cluster::describe);
        figure("all %d nodes hold the %d revocations %.1f s after the last publish", cluster.nodes().size(), expected, secs(reached));
        for (ClusterNode n : cluster.nodes()) {
          assertTrue(n.metrics().get("hearsay_registry_revocations", null, null) == expected,
              n + " holds a different number of revocations than the registry");
        }
      }
      assertHonestIntact(cluster.nodes());
    });
  }
}
