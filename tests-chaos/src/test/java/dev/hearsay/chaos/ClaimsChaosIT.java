package dev.hearsay.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.chaos.adversary.Adversary;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Gossip;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.MemberPull;
import dev.hearsay.overlay.core.MemberPush;
import dev.hearsay.overlay.core.Meta;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Attacks on what nodes say about each other ({@code mvn verify -Pchaos}): metadata signed by the
 * wrong key, genuine claims replayed after their subject moved on, and a node of another tenant
 * reaching for tenant blue's private metadata. Every node carries a private and a shared entry.
 */
@DisplayName("chaos suite, -Pchaos claim scenarios")
@Tag("full")
class ClaimsChaosIT extends ClusterScenario {
  static final String SECRET = "secret";

  @Override
  ChaosCluster.Topology topology() {
    return ChaosCluster.Topology.standard().withNodeArgs("--meta", SECRET + "=tenant-only", "--meta-shared", "zone=z1");
  }

  @Test
  @DisplayName("forged META about an honest node")
  void metadataAboutAnotherNodeSignedByTheAdversaryIsRefused() throws Exception {
    run(() -> {
      adversaryJoins(cluster.node("blue-1"));
      ClusterNode victim = cluster.node("blue-2");
      MemberId subject = MemberId.parse(victim.uri);
      Alive genuine = pull(adversary, connect(cluster.node("blue-1")), subject).alive();
      Map<String, Map<String, String>> before = metadataOf(victim);
      assertEquals("tenant-only", before.get("blue-1").get(SECRET), "blue-1 does not hold blue-2's private entry: " + before);
      for (ClusterNode target : List.of(cluster.node("blue-3"), cluster.node("green-1"))) {
        // The genuine ALIVE carries two METAs signed by the adversary, rewriting both of the victim's classes.
        MemberPush forged = new MemberPush(genuine, List.of(
            adversary.forgedMeta(subject, 1000, false, Map.of(SECRET, "forged")),
            adversary.forgedMeta(subject, 1000, true, Map.of("zone", "forged"))));
        double refused = awaitRefused(target, "signer_mismatch", () -> send(connect(target), forged));
        figure("%s: refused %.0f (signer_mismatch)", target, refused);
      }
      assertEquals(before, metadataOf(victim), "the victim's metadata changed somewhere");
      figure("blue-2's metadata unchanged at all 5 nodes");
      assertHonestIntact(cluster.nodes());
    });
  }

  @Test
  @DisplayName("replay of an honest node's old ALIVE after it refuted")
  void replayedOldClaimsChangeNothingAndAreCounted() throws Exception {
    run(() -> {
      adversaryJoins(cluster.node("blue-1"));
      ClusterNode victim = cluster.node("blue-3");
      MemberId subject = MemberId.parse(victim.uri);
      MemberPush recorded = pull(adversary, connect(cluster.node("blue-1")), subject);
      long old = recorded.alive().incarnation();
      // One accusation reaching the victim makes it refute with a higher incarnation; the recording is then old.
      send(connect(victim), Adversary.gossip(adversary.accusation(subject, old)));
      Duration refuted = Await.until(CONVERGE, victim + " to refute above " + old, () -> {
        for (ClusterNode o : cluster.except(victim)) {
          if (o.members().incarnationOf(victim.name) <= old || !o.members().statusOf(victim.name).equals("ALIVE")) {
            return false;
          }
        }
        return true;
      }, cluster::describe);
      long current = cluster.node("blue-1").members().incarnationOf(victim.name);
      figure("recorded %s's ALIVE at incarnation %d; refuted to %d at every node in %.1f s", victim, old, current, secs(refuted));
      for (ClusterNode target : List.of(cluster.node("blue-1"), cluster.node("green-1"))) {
        Channel ch = connect(target);
        double before = outdated(target);
        send(ch, new Gossip(List.of(recorded.alive()), false));
        send(ch, recorded);
        Await.until(SETTLE, target + " to count the replay as outdated", () -> outdated(target) > before, cluster::describe);
        markerProcessed(ch, target);
        figure("%s: hearsay_claims_outdated_total %.0f -> %.0f", target, before, outdated(target));
      }
      for (ClusterNode o : cluster.nodes()) {
        if (o != victim) {
          assertEquals(current, o.members().incarnationOf(victim.name), o + " went back to the replayed incarnation");
        }
      }
      assertHonestIntact(cluster.nodes());
    });
  }

  @Test
  @DisplayName("cross-tenant read and write of blue's private metadata by a green node")
  void greenGetsNothingOfBluesPrivateMetadata() throws Exception {
    run(() -> {
      Adversary eve = insider("green", "eve");
      joins(eve, "eve", cluster.node("green-1"));
      ClusterNode victim = cluster.node("blue-2");
      MemberId subject = MemberId.parse(victim.uri);
      Map<String, Map<String, String>> before = metadataOf(victim);
      assertEquals("tenant-only", before.get("blue-1").get(SECRET), "blue-1 does not hold blue-2's private entry: " + before);

      // Read: ask a blue node about blue-2, and blue-2 about itself.
      MemberPush answer = null;
      int privateSeen = 0;
      for (ClusterNode asked : List.of(cluster.node("blue-1"), victim)) {
        eve.forget();
        MemberPush p = pull(eve, connect(eve, asked), subject);
        answer = p;
        for (Meta m : p.meta()) {
          if (!m.shared() || m.entries().containsKey(SECRET)) {
            privateSeen++;
          }
        }
        figure("pull of %s from %s: %d META(s), classes %s", victim, asked, p.meta().size(),
            p.meta().stream().map(m -> m.shared() ? "shared" : "private").toList());
      }
      assertEquals(0, privateSeen, "a green node was sent blue's private metadata");
      for (ClusterNode g : List.of(cluster.node("green-1"), cluster.node("green-2"))) {
        assertFalse(g.members().members().get(victim.name).metadata().containsKey(SECRET), g + " holds blue's private entry");
      }

      // Write: green signs blue-2's private entries.
      for (ClusterNode target : List.of(cluster.node("blue-1"), cluster.node("blue-3"))) {
        MemberPush forged = new MemberPush(answer.alive(), List.of(eve.forgedMeta(subject, 1000, false, Map.of(SECRET, "green-was-here"))));
        double refused = awaitRefused(target, "signer_mismatch", () -> eve.send(connect(eve, target), forged));
        figure("write to %s: refused %.0f (signer_mismatch)", target, refused);
      }
      assertEquals(before, metadataOf(victim), "blue-2's metadata changed somewhere");
      figure("blue-2's metadata unchanged at all 5 nodes; green nodes hold its shared entry only");
      assertHonestIntact(cluster.nodes());
    });
  }

  /** Asks over {@code ch} for {@code subject}'s ALIVE and metadata, as metadata sync does, and returns the answer. */
  private static MemberPush pull(Adversary a, Channel ch, MemberId subject) throws Exception {
    a.send(ch, new MemberPull(subject));
    return a.await(MemberPush.class, p -> p.alive().subject().equals(subject), SETTLE);
  }

  /** Every node's metadata of {@code subject}, by node. */
  private Map<String, Map<String, String>> metadataOf(ClusterNode subject) throws Exception {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (ClusterNode o : cluster.nodes()) {
      out.put(o.name, o.members().members().get(subject.name).metadata());
    }
    return out;
  }

  private static double outdated(ClusterNode n) throws Exception {
    return n.metrics().get("hearsay_claims_outdated_total", null, null);
  }

  /** Runs {@code attack} and waits until {@code target} counts one more claim rejection for {@code reason}; returns its count. */
  private double awaitRefused(ClusterNode target, String reason, ThrowingBody attack) throws Exception {
    double before = target.metrics().claimRejections(reason);
    attack.run();
    Await.until(SETTLE, target + " to refuse for " + reason, () -> target.metrics().claimRejections(reason) > before, cluster::describe);
    return target.metrics().claimRejections(reason);
  }
}
