package dev.hearsay.chaos;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The registry killed for good under the {@code open} staleness policy ({@code mvn verify -Pchaos}):
 * the nodes say the registry is stale and keep serving, new nodes included.
 */
@DisplayName("chaos suite, -Pchaos registry scenarios, open policy")
@Tag("full")
class RegistryOpenChaosIT extends ClusterScenario {

  @Override
  ChaosCluster.Topology topology() {
    return ChaosCluster.Topology.standard()
        .withNodeArgs("--registry-max-staleness", RegistryChaosIT.MAX_STALENESS, "--registry-policy", "open");
  }

  @Test
  @DisplayName("registry down, open policy: nodes keep serving and admit new nodes")
  void underTheOpenPolicyAStaleRegistryIsReportedAndNodesKeepServing() throws Exception {
    run(() -> {
      cluster.faults.kill9Registry();
      java.time.Duration stale = RegistryChaosIT.awaitStale(this, true);
      figure("registry killed; every node reports it stale %.1f s later (max staleness %s)", secs(stale),
          RegistryChaosIT.MAX_STALENESS);
      adversaryJoins(cluster.node("green-1"));
      assertHonestIntact(cluster.nodes());
    });
  }
}
