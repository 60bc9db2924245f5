package dev.hearsay.overlay.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Dead;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.MembershipEvent;
import dev.hearsay.overlay.core.Suspect;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismTest {

  /** The figures that depend on the run only (not on the machine's speed or heap). */
  private static String figures(ScenarioResult r) {
    return r.toJson().replaceAll(",\"wall_s\":[^,}]*", "").replaceAll(",\"heap_peak_mb\":[^,}]*", "");
  }

  @Test
  void sameSeedSameRun() {
    SimulationConfig c = SimulationConfig.of(150, Scenario.CRASH, 99).withLoss(0.05).withDuplicate(0.05);
    String a = figures(ScenarioRunner.run(c));
    String b = figures(ScenarioRunner.run(c));
    assertEquals(a, b, "seed 99");
  }

  @Test
  void differentSeedDifferentRun() {
    SimulationConfig c = SimulationConfig.of(150, Scenario.CRASH, 99).withLoss(0.05);
    SimulationConfig d = SimulationConfig.of(150, Scenario.CRASH, 100).withLoss(0.05);
    assertNotEquals(figures(ScenarioRunner.run(c)), figures(ScenarioRunner.run(d)));
  }

  @Test
  void aViolationNamesTheSeedAndTheEvent() {
    InvariantChecker checker = new InvariantChecker(4242, 2);
    MemberId a = MemberId.of("d", "t", "a");
    MemberId b = MemberId.of("d", "t", "b");
    Alive alive = new Alive(a, 1, "x", 0, new byte[0]);
    Dead weak = new Dead(a, 1, b, List.of(new Suspect(a, 1, b, new byte[0])), new byte[0]);
    InvariantViolation v = assertThrows(InvariantViolation.class,
        () -> checker.check(b, new MembershipEvent(MembershipEvent.Kind.DEAD, a, alive, weak, 7)));
    assertEquals(4242, v.seed());
    assertTrue(v.getMessage().contains("seed 4242") && v.getMessage().contains("DEAD"), v.getMessage());
    Alive older = new Alive(a, 0, "x", 0, new byte[0]);
    assertThrows(InvariantViolation.class,
        () -> checker.check(b, new MembershipEvent(MembershipEvent.Kind.ALIVE, a, alive, older, 8)));
  }

  @Test
  void resultJsonCarriesTheIssueKeys() {
    ScenarioResult r = ScenarioRunner.run(SimulationConfig.of(50, Scenario.JOIN, 5));
    String json = r.toJson();
    for (String key : new String[] {"\"nodes\":50", "\"scenario\":\"join\"", "\"seed\":5", "rounds_to_99_9",
        "rounds_to_100", "bytes_per_node_per_s", "wall_s", "heap_peak_mb"}) {
      assertTrue(json.contains(key), key + " missing in " + json);
    }
  }
}
