package dev.hearsay.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.chaos.adversary.Adversary;
import dev.hearsay.chaos.adversary.FrameFlood;
import dev.hearsay.chaos.adversary.KeepConnecting;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.overlay.core.Gossip;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.node.Profiles;
import io.netty.channel.Channel;
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
      adversaryJoins(cluster.node("blue-1"));
      ClusterNode victim = cluster.node("blue-2");
      List<ClusterNode> targets = List.of(cluster.node("blue-1"), cluster.node("green-1"));
      MemberView.Entry genuine = targets.get(0).members().members().get(victim.name);
      for (ClusterNode target : targets) {
        Channel ch = connect(target);
        // Moves the victim to an address the adversary owns, at a far higher incarnation: accepted, it
        // would win every precedence check and route the victim's traffic to the adversary.
        send(ch, Adversary.gossip(adversary.forgedAlive(MemberId.parse(victim.uri), genuine.incarnation() + 1000,
            cluster.gateway() + ":9")));
        markerProcessed(ch, target);
      }
      for (ClusterNode target : targets) {
        Metrics m = target.metrics();
        double refused = m.claimRejections("signer_mismatch");
        figure("%s: refused %.0f (signer_mismatch), guard invalid_claim %.0f", target, refused, m.guardActions("invalid_claim"));
        assertTrue(refused >= 1, target + " did not count the forgery");
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
      adversaryJoins(cluster.node("blue-1"));
      ClusterNode target = cluster.node("blue-1");
      FrameFlood.Report r = new FrameFlood(adversary).run(gossipAddress(target), NodeIdentity.parse(target.uri),
          Duration.ofSeconds(8), i -> new Gossip(List.of(), false));
      Metrics m = target.metrics();
      // The adversary's side may see a reconnect complete (TLS 1.3: the client finishes first); the
      // node's refusals of the banned identity are what count.
      figure("flood 8 s: %d frames sent, %d reconnects; %s dropped %.0f (frame rate) + %.0f (quarantined), disconnected %.0f, banned %.0f, refused the banned identity %.0f times",
          r.frames(), r.connections(), target, m.guardActions("dropped_frame_rate"),
          m.guardActions("dropped_while_quarantined"), m.guardActions("disconnected"), m.guardActions("banned"),
          m.guardActions("refused_banned_identity"));
      assertTrue(m.guardActions("dropped_frame_rate") > 0, "no frame dropped for rate");
      assertTrue(m.guardActions("banned") >= 1, "the flooder was not banned");
      assertTrue(r.connections() <= 1 || m.guardActions("refused_banned_identity") >= 1,
          "the banned flooder reconnected " + r.connections() + " times and was never refused");
      assertHonestIntact(cluster.except());
    });
  }

  @Test
  @DisplayName("revoked node keeps connecting")
  void revokedAdversaryIsRefusedEverywhere() throws Exception {
    run(() -> {
      adversaryJoins(cluster.node("blue-1"));
      long publish = System.nanoTime();
      ExecResult revoke = cluster.revoke(adversary.identity().uri());
      assertEquals(0, revoke.getExitCode(), "hearsay revoke failed: " + revoke.getStdout());
      figure("hearsay revoke (a JVM in the registry's container) %.1f s", (System.nanoTime() - publish) / 1e9);
      long published = System.nanoTime();
      Duration enforced = awaitStatus(cluster.nodes(), List.of(ADVERSARY), "REVOKED", CONVERGE);
      figure("REVOKED at all %d nodes %.2f s after the publish returned", cluster.nodes().size(), secs(enforced));

      List<ClusterNode> targets = List.of(cluster.node("blue-1"), cluster.node("green-2"));
      double[] before = new double[targets.size()];
      for (int i = 0; i < targets.size(); i++) {
        before[i] = refusals(targets.get(i).metrics());
      }
      for (int i = 0; i < targets.size(); i++) {
        ClusterNode t = targets.get(i);
        KeepConnecting.Report r = new KeepConnecting(adversary, Duration.ofMillis(200))
            .run(gossipAddress(t), NodeIdentity.parse(t.uri), Duration.ofSeconds(4), adversaryIncarnation + 100L * (i + 1));
        double refused = refusals(t.metrics()) - before[i];
        figure("%s: %d attempts in 4 s, %d looked complete to the adversary, %.0f refused and counted by the node",
            t, r.attempts(), r.completed(), refused);
        assertTrue(refused >= 1, t + " counted no refusal");
      }
      for (ClusterNode o : cluster.nodes()) {
        assertEquals("REVOKED", o.members().statusOf(ADVERSARY), o + " took the revoked node back");
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
