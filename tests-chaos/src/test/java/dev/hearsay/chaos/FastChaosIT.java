package dev.hearsay.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearsay.overlay.node.Profiles;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;

/**
 * The chaos subset every {@code mvn verify} runs: one crash, one forgery, one flood, and a revoked
 * node that will not go away, each on a fresh cluster of five nodes (two tenants) and a registry.
 */
@DisplayName("chaos suite, fast subset")
@Tag("fast")
class FastChaosIT extends ClusterScenario {
  @Test
  @DisplayName("kill -9 of a node, then restart")
  void killedNodeIsDeadEverywhereWithinTheBoundAndRejoinsHigher() throws Exception {
    run(() -> {
      ClusterNode victim = cluster.node("blue-3");
      List<ClusterNode> survivors = cluster.except(victim);
      long before = survivors.get(0).members().incarnationOf(victim.name);
      Duration bound = Duration.ofNanos(Profiles.detectionBound(Profiles.named("lan"), cluster.nodes().size()));

      cluster.faults.kill9(victim);
      Duration detected = awaitStatus(survivors, List.of(victim.name), "DEAD", bound.plus(CONVERGE));
      figure("DEAD at all %d survivors after %.1f s (LAN bound for %d members %.1f s)", survivors.size(),
          secs(detected), cluster.nodes().size(), secs(bound));
      assertTrue(detected.compareTo(bound) <= 0, "detected after " + detected + ", bound " + bound);

      cluster.faults.restart(victim);
      Duration back = Await.until(CONVERGE, victim + " ALIVE at a higher incarnation everywhere", () -> {
        for (ClusterNode o : survivors) {
          MemberView v = o.members();
          if (!v.statusOf(victim.name).equals("ALIVE") || v.incarnationOf(victim.name) <= before) {
            return false;
          }
        }
        return true;
      }, cluster::describe);
      long after = survivors.get(0).members().incarnationOf(victim.name);
      figure("restarted: ALIVE everywhere after %.1f s (JVM start included), incarnation %d -> %d", secs(back), before, after);
      assertHonestIntact(cluster.nodes());
    });
  }

  @Test
  @DisplayName("forged ALIVE about an honest node")
  void aliveAboutAnotherNodeSignedByTheAdversaryIsRefused() throws Exception {
    run(() -> {
      ClusterNode victim = cluster.node("blue-2");
      List<ClusterNode> targets = List.of(cluster.node("blue-1"), cluster.node("green-1"));
      MemberView.Entry genuine = targets.get(0).members().members().get(victim.name);
      for (ClusterNode target : targets) {
        double before = target.metrics().claimRejections("signer_mismatch");
        // The adversary program joins, then moves the victim to an address it owns at a far higher
        // incarnation: accepted, that would win every precedence check and route the victim's traffic to it.
        JsonNode r = attack("forge-alive", target, "--listen", "{ip}:" + ClusterNode.GOSSIP_PORT, "--join",
            "--victim", victim.uri, "--address", cluster.gateway() + ":9");
        Await.until(SETTLE, target + " to refuse the forged ALIVE",
            () -> target.metrics().claimRejections("signer_mismatch") > before, cluster::describe);
        figure("adversary program: ALIVE of %s at incarnation %d (genuine %d) sent to %s", victim,
            r.get("forged_incarnation").asLong(), r.get("genuine_incarnation").asLong(), target);
      }
      for (ClusterNode target : targets) {
        Metrics m = target.metrics();
        double refused = m.claimRejections("signer_mismatch");
        figure("%s: refused %.0f (signer_mismatch), guard invalid_claim %.0f", target, refused, m.guardActions("invalid_claim"));
        assertTrue(m.guardActions("invalid_claim") >= 1, target + " did not penalize the forger");
      }
      for (ClusterNode o : cluster.except(victim)) {
        MemberView.Entry seen = o.members().members().get(victim.name);
        assertEquals(genuine.address(), seen.address(), o + " moved " + victim);
        assertTrue(seen.incarnation() < genuine.incarnation() + 1000, o + " took the forged incarnation: " + seen);
      }
      assertHonestIntact(cluster.nodes());
    });
  }

  @Test
  @DisplayName("frame flood from an authenticated peer")
  void frameFloodGetsTheAdversaryBannedAndNoHonestNodeDead() throws Exception {
    run(() -> {
      ClusterNode target = cluster.node("blue-1");
      JsonNode r = attack("frame-flood", target, joining("--duration", "8s"));
      Metrics m = target.metrics();
      long connections = r.get("connections").asLong();
      // The program's side may see a reconnect complete (TLS 1.3: the client finishes first); the
      // node's refusals are what count: of the identity right after its handshake (disconnected, then
      // banned) and, once those got its address banned, on accept.
      double refusals = m.guardActions("refused_disconnected_identity") + m.guardActions("refused_banned_identity")
          + m.guardActions("refused_banned_address");
      figure("adversary program's flood 8 s: %d frames sent, %d reconnects; %s dropped %.0f (frame rate) + %.0f (quarantined), disconnected %.0f, banned %.0f, refused it %.0f times after the handshake while disconnected and %.0f while banned, and %.0f times on accept",
          r.get("frames").asLong(), connections, target, m.guardActions("dropped_frame_rate"),
          m.guardActions("dropped_while_quarantined"), m.guardActions("disconnected"), m.guardActions("banned"),
          m.guardActions("refused_disconnected_identity"), m.guardActions("refused_banned_identity"),
          m.guardActions("refused_banned_address"));
      assertTrue(m.guardActions("dropped_frame_rate") > 0, "no frame dropped for rate");
      assertTrue(m.guardActions("banned") >= 1, "the flooder was not banned");
      assertTrue(connections <= 1 || refusals >= 1, "the flooder reconnected " + connections + " times and was never refused");
      assertHonestIntact(cluster.except());
    });
  }

  @Test
  @DisplayName("revoked node keeps connecting")
  void revokedAdversaryIsRefusedEverywhere() throws Exception {
    run(() -> {
      ClusterNode first = cluster.node("blue-1");
      ClusterNode other = cluster.node("green-2");
      // The program joins through blue-1 and keeps connecting to it, before and after its revocation.
      AdversaryProgram member = startAttack("keep-connecting", first, joining("--duration", "25s"));
      Duration joined = awaitStatus(cluster.nodes(), List.of(PROGRAM), "ALIVE", CONVERGE);
      figure("adversary program ALIVE everywhere %.1f s after its container started", secs(joined));
      double[] before = {refusals(first.metrics()), refusals(other.metrics())};
      long publish = System.nanoTime();
      ExecResult revoke = cluster.revoke(PROGRAM_URI);
      assertEquals(0, revoke.getExitCode(), "hearsay revoke failed: " + revoke.getStdout());
      figure("hearsay revoke (a JVM in the registry's container) %.1f s", (System.nanoTime() - publish) / 1e9);
      long published = System.nanoTime();
      Duration enforced = awaitStatus(cluster.nodes(), List.of(PROGRAM), "REVOKED", CONVERGE);
      figure("REVOKED at all %d nodes %.2f s after the publish returned", cluster.nodes().size(), secs(enforced));

      // A second process with the revoked certificate tries another node.
      JsonNode elsewhere = attack("keep-connecting", other, "--duration", "4s");
      JsonNode kept = member.awaitReport(PROGRAM_TIMEOUT);
      double[] refused = {refusals(first.metrics()) - before[0], refusals(other.metrics()) - before[1]};
      figure("%s: %d attempts in 25 s (%d looked complete to the program), %.0f refused and counted by the node since the revocation",
          first, kept.get("attempts").asLong(), kept.get("completed").asLong(), refused[0]);
      figure("%s: %d attempts in 4 s (%d looked complete to the program), %.0f refused and counted by the node",
          other, elsewhere.get("attempts").asLong(), elsewhere.get("completed").asLong(), refused[1]);
      assertTrue(refused[0] >= 1, first + " counted no refusal");
      assertTrue(refused[1] >= 1, other + " counted no refusal");
      for (ClusterNode o : cluster.nodes()) {
        assertEquals("REVOKED", o.members().statusOf(PROGRAM), o + " took the revoked node back");
      }
      assertHonestIntact(cluster.nodes());
      figure("still REVOKED everywhere %.1f s after the publish", (System.nanoTime() - published) / 1e9);
    });
  }

  /** Everything a node counts when it turns a revoked peer away, before or after the handshake. */
  private static double refusals(Metrics m) {
    return m.transportRejections("handshake_failed") + m.transportRejections("peer_not_admitted")
        + m.guardActions("refused_banned_address") + m.guardActions("refused_connection_rate");
  }
}
