package dev.hearsay.overlay.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The acceptance figures at full size. Run with {@code mvn -Psim-large -pl overlay-core -am verify}. */
@Tag("sim-large")
class LargeSimulationTest {

  private static ScenarioResult run(SimulationConfig c) {
    ScenarioResult r = ScenarioRunner.run(c);
    System.out.println(r.toJson());
    return r;
  }

  @Test
  void join10000AtFanoutTwoWithinTenRounds() {
    SimulationConfig c = SimulationConfig.of(10_000, Scenario.JOIN, 1);
    c = c.withProtocol(c.protocol().withGossip(200_000_000L, 2));
    ScenarioResult r = run(c);
    assertNotNull(r.metric("rounds_to_100"), r.toJson());
    assertTrue(r.number("rounds_to_100") <= 10, r.toJson());
  }

  @Test
  void join10000WithLanDefaultsWithinTwoSeconds() {
    ScenarioResult r = run(SimulationConfig.of(10_000, Scenario.JOIN, 2));
    assertTrue(r.number("seconds_to_100") <= 2.0, r.toJson());
  }

  @Test
  void crash1000() {
    ScenarioResult r = run(SimulationConfig.of(1_000, Scenario.CRASH, 3));
    assertTrue(r.number("detect_all_median_s") <= 6, r.toJson());
    assertTrue(r.number("detect_all_p99_s") <= 15, r.toJson());
    assertTrue(r.number("bytes_per_node_per_s") <= 10_000, r.toJson());
  }

  @Test
  void lossy1000() {
    ScenarioResult r = run(SimulationConfig.of(1_000, Scenario.LOSSY, 4));
    assertEquals(0, r.number("false_dead"), r.toJson());
    assertTrue(r.number("lossy_declared_dead") >= 1, r.toJson());
    assertTrue(r.number("lossy_removed_time_pct") >= 50, "lossy members mostly out of the views; " + r.toJson());
  }

  @Test
  void accusers1000() {
    ScenarioResult r = run(SimulationConfig.of(1_000, Scenario.ACCUSERS, 5));
    assertEquals(0, r.number("false_dead"), r.toJson());
  }
}
