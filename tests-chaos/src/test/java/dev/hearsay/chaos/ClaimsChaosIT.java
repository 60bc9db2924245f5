package dev.hearsay.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
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
      ClusterNode victim = cluster.node("blue-2");
      Map<String, Map<String, String>> before = settledMetadataOf(victim);
      for (ClusterNode target : List.of(cluster.node("blue-3"), cluster.node("green-1"))) {
        // The genuine ALIVE carries two METAs signed by the program, rewriting both of the victim's classes.
        double refused = awaitRefused(target, "signer_mismatch", () -> attack("forge-meta", target, joining("--victim", victim.uri,
            "--private-entry", SECRET + "=forged", "--shared-entry", "zone=forged")));
        figure("adversary program's META to %s: refused %.0f (signer_mismatch)", target, refused);
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
      ClusterNode victim = cluster.node("blue-3");
      long lastRecorded = -1;
      for (ClusterNode target : List.of(cluster.node("blue-1"), cluster.node("green-1"))) {
        double before = outdated(target);
        // The program records the victim's ALIVE and metadata from the target, makes the victim refute
        // with one accusation, waits until the target has the refutation, and replays the recording.
        JsonNode r = attack("replay", target, joining("--subject", victim.uri,
            "--subject-at", victim.ip + ":" + ClusterNode.GOSSIP_PORT));
        lastRecorded = r.get("recorded_incarnation").asLong();
        Await.until(SETTLE, target + " to count the replay as outdated", () -> outdated(target) > before, cluster::describe);
        figure("replay to %s of %s's ALIVE at incarnation %d (refuted to %d): hearsay_claims_outdated_total %.0f -> %.0f",
            target, victim, r.get("recorded_incarnation").asLong(), r.get("refuted_to").asLong(), before, outdated(target));
      }
      for (ClusterNode o : cluster.except(victim)) {
        long seen = o.members().incarnationOf(victim.name);
        assertTrue(seen > lastRecorded, o + " went back to the replayed incarnation " + lastRecorded + ": " + seen);
      }
      assertHonestIntact(cluster.nodes());
    });
  }

  @Test
  @DisplayName("cross-tenant read and write of blue's private metadata by a green node")
  void greenGetsNothingOfBluesPrivateMetadata() throws Exception {
    run(() -> {
      ClusterNode victim = cluster.node("blue-2");
      Map<String, Map<String, String>> before = settledMetadataOf(victim);

      // Read: a green insider (a program of its own) asks a blue node about blue-2, and blue-2 about itself.
      int privateSeen = 0;
      for (ClusterNode asked : List.of(cluster.node("blue-1"), victim)) {
        JsonNode meta = startAttackAs("green", "eve", "pull", asked, joining("--subject", victim.uri))
            .awaitReport(PROGRAM_TIMEOUT).get("meta");
        List<String> classes = new ArrayList<>();
        for (JsonNode m : meta) {
          classes.add(m.get("shared").asBoolean() ? "shared" : "private");
          if (!m.get("shared").asBoolean() || m.get("entries").has(SECRET)) {
            privateSeen++;
          }
        }
        figure("green program's pull of %s from %s: %d META(s), classes %s", victim, asked, meta.size(), classes);
      }
      assertEquals(0, privateSeen, "a green node was sent blue's private metadata");
      for (ClusterNode g : List.of(cluster.node("green-1"), cluster.node("green-2"))) {
        assertFalse(g.members().members().get(victim.name).metadata().containsKey(SECRET), g + " holds blue's private entry");
      }

      // Write: green signs blue-2's private entries.
      for (ClusterNode target : List.of(cluster.node("blue-1"), cluster.node("blue-3"))) {
        double refused = awaitRefused(target, "signer_mismatch", () -> startAttackAs("green", "eve", "forge-meta", target,
            joining("--victim", victim.uri, "--private-entry", SECRET + "=green-was-here")).awaitReport(PROGRAM_TIMEOUT));
        figure("green program's write to %s: refused %.0f (signer_mismatch)", target, refused);
      }
      assertEquals(before, metadataOf(victim), "blue-2's metadata changed somewhere");
      figure("blue-2's metadata unchanged at all 5 nodes; green nodes hold its shared entry only");
      assertHonestIntact(cluster.nodes());
    });
  }

  /**
   * Every node's metadata of {@code subject} once metadata sync has spread it: blue nodes hold its
   * private and shared entries, green nodes its shared one. What an attack must then leave unchanged.
   */
  private Map<String, Map<String, String>> settledMetadataOf(ClusterNode subject) throws Exception {
    Map<String, String> all = Map.of(SECRET, "tenant-only", "zone", "z1");
    Await.until(CONVERGE, subject + "'s metadata at every node", () -> {
      Map<String, Map<String, String>> now = metadataOf(subject);
      for (ClusterNode o : cluster.nodes()) {
        Map<String, String> wanted = o.tenant.equals(subject.tenant) ? all : Map.of("zone", "z1");
        if (!wanted.equals(now.get(o.name))) {
          return false;
        }
      }
      return true;
    }, () -> {
      try {
        return metadataOf(subject).toString();
      } catch (Exception e) {
        return e.toString();
      }
    });
    return metadataOf(subject);
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
