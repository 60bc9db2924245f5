package dev.hearsay.overlay.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.core.Status;
import dev.hearsay.overlay.node.Node;
import java.time.Duration;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One node with a valid certificate floods T over real mutual TLS, at its connection's maximum
 * rate, for a few seconds each: valid frames, invalid signatures, accusations. Each time it is
 * disconnected and banned, counted in T's metrics, and no honest node is ever seen DEAD. The honest
 * cluster alone, first, makes the guard do nothing at all. (The 30-second version with figures is
 * {@link GuardFloodAcceptanceTest}, under {@code -Pflood}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuardFloodTest {
  private static final Duration FLOOD = Duration.ofMillis(2_500);

  private FloodCluster cluster;

  @BeforeAll
  void start() throws Exception {
    cluster = new FloodCluster();
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void anHonestClusterNeverTriggersTheGuard() throws Exception {
    cluster.disseminateFreshClaim();
    cluster.disseminateFreshClaim();
    for (Node n : List.of(cluster.t, cluster.b, cluster.c)) {
      assertEquals(0, cluster.allGuardActions(n), n.identity().name() + " took guard actions against honest peers");
      for (Node peer : List.of(cluster.t, cluster.b, cluster.c)) {
        assertEquals(100, n.guard().score(peer.identity()), 1e-9);
      }
    }
  }

  private void floodAndExpectBan(String name, LongFunction<Message> messages, Credentials flooder) throws Exception {
    double bansBefore = cluster.guardActions(cluster.t, "banned");
    Flooder.Report report;
    try (Flooder f = new Flooder(cluster.pki, flooder)) {
      report = f.flood(cluster.tAddress(), cluster.t.identity(), FLOOD, messages);
    }
    System.out.printf("flood of %s: %d frames over %d connections (%d refused); T's guard: %s%n", name, report.frames(),
        report.connections(), report.refused(), cluster.t.guard().lowestScores(3));
    assertTrue(cluster.t.guard().isBanned(flooder.identity()), "the flooder is banned");
    assertEquals(bansBefore + 1, cluster.guardActions(cluster.t, "banned"), "one ban, counted");
    assertTrue(cluster.guardActions(cluster.t, "disconnected") >= 1, "disconnected");
    double refusals = cluster.guardActions(cluster.t, "refused_disconnected_identity")
        + cluster.guardActions(cluster.t, "refused_banned_identity") + cluster.guardActions(cluster.t, "refused_banned_address");
    assertTrue(refusals >= 1 || report.connections() == 1,
        "a disconnected or banned flooder's new connections are closed after authentication, then on accept");
    assertEquals(List.of(), List.copyOf(cluster.honestDeaths()), "no honest node is declared DEAD");
    for (Node peer : List.of(cluster.b, cluster.c)) {
      assertTrue(cluster.t.guard().score(peer.identity()) >= 99, peer.identity().name() + " lost score at T");
    }
    cluster.disseminateFreshClaim(); // T still serves honest nodes
  }

  @Test
  @Order(2)
  void aFloodOfValidFramesGetsTheFlooderBanned() throws Exception {
    Credentials flooder = cluster.pki.node("blue", "flooder-frames");
    floodAndExpectBan("valid frames", cluster.validFrames(), flooder);
    assertTrue(cluster.guardActions(cluster.t, "dropped_frame_rate") >= 1);
  }

  @Test
  @Order(3)
  void aFloodOfInvalidSignaturesGetsTheFlooderBanned() throws Exception {
    Credentials flooder = cluster.pki.node("blue", "flooder-signatures");
    floodAndExpectBan("invalid signatures", FloodCluster.invalidSignatures(flooder), flooder);
    assertTrue(cluster.guardActions(cluster.t, "invalid_claim") >= 10);
  }

  @Test
  @Order(4)
  void aFloodOfAccusationsGetsTheFlooderBanned() throws Exception {
    Credentials flooder = cluster.pki.node("blue", "flooder-accusations");
    double verificationsBefore = cluster.count(cluster.t, "hearsay.verify.signatures");
    double redundantBefore = cluster.count(cluster.t, "hearsay.claims.redundant");
    floodAndExpectBan("accusations", cluster.accusations(flooder), flooder);
    // T verifies an accusation only while it may still change its view: the first by the flooder of
    // each incarnation B claims. The rest (re-signed, or of an incarnation B is not at) are dropped
    // unverified, and T's verifications are the few it needs, not one per frame.
    double verified = cluster.count(cluster.t, "hearsay.verify.signatures") - verificationsBefore;
    double redundant = cluster.count(cluster.t, "hearsay.claims.redundant") - redundantBefore;
    System.out.printf("T verified %.0f signatures and dropped %.0f redundant claims unverified during the accusation flood%n",
        verified, redundant);
    assertTrue(redundant >= 100, "the flood's accusations were dropped unverified: " + redundant);
    assertTrue(verified <= 64, "T verified " + verified + " signatures");
    // Its accusations name B's current incarnation every few frames, so some take and B refutes them.
    // Few take: a node takes two accusations at once from one accuser, then one a second, and the
    // guard drops what is over the flooder's budgets (each new signature costs a verification; one
    // incarnation accused again is not a new accusation) until the ban.
    assertTrue(cluster.guardActions(cluster.t, "dropped_verification_rate") + cluster.guardActions(cluster.t, "dropped_accusation_rate")
        + cluster.guardActions(cluster.t, "dropped_frame_rate") >= 1, "the flooder's budgets dropped its frames");
    String victim = cluster.b.identity().uri();
    cluster.await(Duration.ofSeconds(20), "B, after refuting, ALIVE above incarnation 0 at every honest node",
        () -> List.of(cluster.t, cluster.b, cluster.c).stream().allMatch(n -> n.view().statusOf(victim) == Status.ALIVE
            && n.view().member(victim).incarnation() >= 1));
    long refutations = cluster.b.view().member(victim).incarnation();
    assertTrue(refutations <= 3, "B refuted " + refutations + " accusations of a flood banned within seconds");
  }
}
