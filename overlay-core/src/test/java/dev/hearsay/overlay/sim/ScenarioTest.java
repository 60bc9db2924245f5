package dev.hearsay.overlay.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Every scenario at a few hundred nodes; fast enough for the default build. */
class ScenarioTest {

  private static final long S = 1_000_000_000L;

  private static ScenarioResult run(SimulationConfig c) {
    ScenarioResult r = ScenarioRunner.run(c);
    System.out.println(r.toJson());
    return r;
  }

  @Test
  void joinReachesEveryoneWithinTenRoundsAtFanoutTwo() {
    SimulationConfig c = SimulationConfig.of(400, Scenario.JOIN, 11);
    c = c.withProtocol(c.protocol().withGossip(200_000_000L, 2));
    ScenarioResult r = run(c);
    assertNotNull(r.metric("rounds_to_100"), "not everyone learned of the joiner; " + r.toJson());
    assertTrue(r.number("rounds_to_100") <= 10, r.toJson());
    assertTrue(r.number("rounds_to_50") <= r.number("rounds_to_100"), r.toJson());
    assertEquals(400, r.number("joiner_view_size"), "the joiner learned the whole view; " + r.toJson());
  }

  @Test
  void crashIsDetectedByAllWithinTheTargets() {
    ScenarioResult r = run(SimulationConfig.of(300, Scenario.CRASH, 12));
    assertEquals(299, r.number("detected_by"), r.toJson());
    assertTrue(r.number("detect_all_median_s") <= 6, r.toJson());
    assertTrue(r.number("detect_all_p99_s") <= 15, r.toJson());
    assertTrue(r.number("detect_first_s") <= r.number("detect_all_median_s"), r.toJson());
    assertEquals(0, r.number("false_dead"), r.toJson());
  }

  @Test
  void crashUnderLossDuplicationAndReorderingStillDetectsWithoutFalseDeaths() {
    SimulationConfig c = SimulationConfig.of(200, Scenario.CRASH, 13).withLoss(0.02).withDuplicate(0.02);
    ScenarioResult r = run(c);
    assertEquals(199, r.number("detected_by"), r.toJson());
    assertEquals(0, r.number("false_dead"), r.toJson());
  }

  @Test
  void lossyNodesAreRemovedAndNoHealthyNodeIsDeclaredDead() {
    SimulationConfig c = SimulationConfig.of(300, Scenario.LOSSY, 14).withDuration(90 * S);
    ScenarioResult r = run(c);
    assertEquals(0, r.number("false_dead"), r.toJson());
    assertTrue(r.number("lossy_declared_dead") >= 1, r.toJson());
    assertTrue(r.number("lossy_removed_time_pct") >= 50, "lossy members mostly out of the views; " + r.toJson());
  }

  @Test
  void partitionHealsAndViewsAgreeAgain() {
    SimulationConfig c = SimulationConfig.of(200, Scenario.PARTITION, 15).withDuration(30 * S);
    ScenarioResult r = run(c);
    assertTrue(r.number("declared_dead_during_cut") > 0, "the halves lost each other; " + r.toJson());
    assertNotNull(r.metric("converge_after_heal_s"), r.toJson());
    assertEquals(200, r.number("alive_in_view_0"), r.toJson());
  }

  @Test
  void fewerThanKAccusersCannotKillAnHonestNode() {
    SimulationConfig c = SimulationConfig.of(300, Scenario.ACCUSERS, 16).withDuration(30 * S);
    ScenarioResult r = run(c);
    assertEquals(1, r.number("accusers"), r.toJson());
    assertTrue(r.number("honest_suspected") > 0, "the attack did happen; " + r.toJson());
    assertEquals(0, r.number("false_dead"), r.toJson());
  }
}
