package dev.hearsay.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The rest of the chaos suite ({@code mvn verify -Pchaos}): longer faults and the other attacks. */
@DisplayName("chaos suite, -Pchaos scenarios")
@Tag("full")
class FullChaosIT extends ClusterScenario {
  private static final String PAUSE = "5 s pause of a node";
  /**
   * The pause scenario is about a pause shorter than the suspicion bound. Under the LAN profile the
   * shortest suspicion, reached once three other members confirm it, is 4 s (four probe intervals),
   * which a 5 s pause outlasts; this raises it to 8 s, so the refutation after the pause has time to
   * arrive.
   */
  private static final String SUSPICION_ABOVE_THE_PAUSE = """
      tuning:
        suspicion-mult: 8
      """;

  @Override
  ChaosCluster.Topology topology(TestInfo test) {
    return test.getDisplayName().equals(PAUSE) ? topology().withNodeConfig(SUSPICION_ABOVE_THE_PAUSE) : topology();
  }

  @Test
  @DisplayName(PAUSE)
  void pausedNodeIsNotDeclaredDead() throws Exception {
    run(() -> {
      figure("suspicion between 8 and 24 s (tuning.suspicion-mult 8; LAN's own: 4 to 12 s)");
      ClusterNode victim = cluster.node("blue-2");
      cluster.faults.pause(victim);
      Set<String> seen;
      try {
        seen = watchHonest(cluster.except(victim), List.of(victim.name), Duration.ofSeconds(5));
      } finally {
        cluster.faults.unpause(victim);
      }
      figure("statuses of the paused node seen by the others during the pause: %s", seen);
      assertHonestIntact(cluster.nodes());
    });
  }

  @Test
  @DisplayName("partition into halves for 60 s, then heal")
  void halvesAgreeAfterThePartitionHeals() throws Exception {
    run(() -> {
      List<ClusterNode> a = List.of(cluster.node("blue-1"), cluster.node("blue-2"), cluster.node("green-1"));
      List<ClusterNode> b = List.of(cluster.node("blue-3"), cluster.node("green-2"));
      for (ClusterNode x : a) {
        for (ClusterNode y : b) {
          cluster.faults.cutLink(x, y);
          cluster.faults.cutLink(y, x);
        }
      }
      long cut = System.nanoTime();
      // The partition's length is the fault itself; the views are sampled for the report meanwhile.
      Set<String> seenAcross = new java.util.TreeSet<>();
      while (System.nanoTime() - cut < TimeUnit.SECONDS.toNanos(60)) {
        for (ClusterNode y : b) {
          seenAcross.add(cluster.node("blue-1").members().statusOf(y.name));
        }
        TimeUnit.SECONDS.sleep(1); // sampling period
      }
      for (ClusterNode n : cluster.nodes()) {
        cluster.faults.heal(n);
      }
      Duration agreed = awaitAllAlive(cluster.nodes(), names(cluster.nodes()));
      figure("during 60 s blue-1 saw the other half as %s; after healing all views ALIVE and agreeing in %.1f s",
          seenAcross, secs(agreed));
      assertHonestIntact(cluster.nodes());
    });
  }

  @Test
  @DisplayName("30 % packet loss on one node for 20 s")
  void lossyNodeIsNotDeclaredDead() throws Exception {
    run(() -> {
      ClusterNode lossy = cluster.node("green-2");
      cluster.faults.dropShare(lossy, 0.3);
      Set<String> seen;
      try {
        seen = watchHonest(cluster.except(lossy), names(cluster.nodes()), Duration.ofSeconds(20));
      } finally {
        cluster.faults.heal(lossy);
      }
      figure("statuses seen during 20 s of 30 %% loss on %s: %s", lossy, seen);
      assertHonestIntact(cluster.nodes());
    });
  }

  @Test
  @DisplayName("false accusations and an accusation flood")
  void accusationsFromOneAccuserNeverKillAnHonestNode() throws Exception {
    run(() -> {
      ClusterNode victim = cluster.node("blue-2");
      ClusterNode target = cluster.node("blue-1");
      // The program joins as a member of the victim's tenant, so the default policy lets it accuse;
      // alone it is one accuser of the k = 2 a DEAD needs. Each accusation is signed anew.
      JsonNode r = attack("accuse", target, "--listen", "{ip}:" + ClusterNode.GOSSIP_PORT, "--join",
          "--subject", victim.uri, "--duration", "6s");
      Set<String> seen = watchHonest(cluster.nodes(), List.of(victim.name), Duration.ofSeconds(5));
      Metrics m = target.metrics();
      StringBuilder actions = new StringBuilder();
      double cut = 0;
      for (String reason : List.of("dropped_accusation_rate", "dropped_claim_rate", "dropped_frame_rate",
          "dropped_verification_rate", "dropped_while_quarantined", "disconnected", "banned")) {
        double n = m.guardActions(reason);
        cut += n;
        actions.append(String.format("%s %.0f, ", reason, n));
      }
      figure("adversary program: %d accusations of %s in %d frames (cut off: %s); %s's guard: %svictim seen as %s",
          r.get("accusations").asLong(), victim, r.get("frames").asLong(), r.get("cut_off").asBoolean(), target, actions, seen);
      assertTrue(r.get("accusations").asLong() > 0, "the program sent no accusation");
      // Which budget runs out first depends on how fast the adversary sends; what matters is that the
      // guard cut the flood (dropped or disconnected) and the victim stayed ALIVE.
      assertTrue(cut >= 1, "the guard did not act against the accusation flood");
      assertHonestIntact(cluster.nodes());
    });
  }

  @Test
  @DisplayName("frame naming another sender")
  void frameNamingAnotherSenderClosesTheConnection() throws Exception {
    run(() -> {
      ClusterNode target = cluster.node("blue-1");
      JsonNode r = attack("impersonate", target, "--as", cluster.node("blue-2").uri);
      double counted = target.metrics().transportRejections("sender_mismatch");
      figure("adversary program: %s closed the connection: %s; sender_mismatch counted %.0f", target,
          r.get("connection_closed").asBoolean(), counted);
      assertTrue(r.get("connection_closed").asBoolean(), target + " kept the connection open");
      assertTrue(counted >= 1);
      assertHonestIntact(cluster.nodes());
    });
  }

  @Test
  @DisplayName("oversized, truncated, garbage and unknown-version frames")
  void badFramesAreRefusedAndCounted() throws Exception {
    run(() -> {
      ClusterNode target = cluster.node("blue-1");
      JsonNode closed = attack("bad-frames", target).get("connection_closed");
      Metrics m = target.metrics();
      figure("adversary program: connections closed %s; %s: frame_too_large %.0f, malformed_frame %.0f, guard malformed_frame %.0f",
          closed, target, m.transportRejections("frame_too_large"), m.transportRejections("malformed_frame"),
          m.guardActions("malformed_frame"));
      closed.fields().forEachRemaining(e -> assertTrue(e.getValue().asBoolean(), target + " kept the connection after " + e.getKey()));
      assertEquals(4, closed.size(), "every kind of bad frame sent");
      assertTrue(m.transportRejections("frame_too_large") >= 1);
      assertTrue(m.transportRejections("malformed_frame") >= 2, "garbage and unknown version not both counted");
      assertHonestIntact(cluster.nodes());
    });
  }

  @Test
  @DisplayName("connection flood from one identity")
  void connectionFloodIsCappedAndCounted() throws Exception {
    run(() -> {
      ClusterNode target = cluster.node("blue-1");
      JsonNode r = attack("connection-flood", target, "--duration", "5s", "--in-flight", "32");
      Metrics m = target.metrics();
      double capped = m.transportRejections("too_many_connections");
      double rate = m.guardActions("refused_connection_rate");
      figure("adversary program: %d attempts in 5 s, %d completed on its side, %d open at the end; %s refused %.0f over the per-identity cap and %.0f over the per-address rate",
          r.get("attempts").asLong(), r.get("authenticated").asLong(), r.get("open_at_end").asLong(), target, capped, rate);
      assertTrue(r.get("attempts").asLong() > 0, "the program made no attempt");
      assertTrue(capped + rate >= 1, "nothing refused");
      assertTrue(r.get("open_at_end").asLong() <= 4, "more connections held than the per-identity cap of 4: " + r.get("open_at_end"));
      assertHonestIntact(cluster.nodes());
    });
  }
}
