package dev.hearsay.bench.sidebyside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The side-by-side's flags, table and goals, without running a cluster. */
class SideBySideBenchmarkTest {

  @Test
  void parsesFlags() {
    SideBySideOptions o = SideBySideOptions.parse(new String[] {
        "--nodes", "50, 100", "--systems", "scalecube", "--steady-seconds", "30", "--keep-going", "--out", "x.md"});
    assertEquals(List.of(50, 100), o.nodes);
    assertEquals(List.of("scalecube"), o.systems);
    assertEquals(30, o.steadySeconds);
    assertTrue(o.keepGoing);
  }

  @Test
  void refusesBadFlags() {
    assertThrows(IllegalArgumentException.class, () -> SideBySideOptions.parse(new String[] {"--bogus", "1"}));
    assertThrows(IllegalArgumentException.class, () -> SideBySideOptions.parse(new String[] {"--nodes", "2"}));
    assertThrows(IllegalArgumentException.class, () -> SideBySideOptions.parse(new String[] {"--systems", "serf"}));
    assertThrows(IllegalArgumentException.class, () -> SideBySideOptions.parse(new String[] {"--nodes"}));
  }

  @Test
  void tableGivesRatiosAndSaysWhatDidNotConverge() {
    Measured hearsay = new Measured("hearsay", 50, "all at once", 2.0, 9.0, 0.1, 1500.0, 600.0, 3.0,
        Map.of("verify-cache hit ratio (median node)", "0.760"), 60, 2600, "");
    Measured scaleCube = new Measured("ScaleCube", 50, "one at a time", 10.0, 12.0, 0.2, 1000.0, 500.0, 30.0, Map.of(),
        110, 3000, "");
    Measured collapsed = new Measured("ScaleCube", 100, "one at a time", 20.0, null, null, null, null, null, Map.of(), 210,
        9000, "did not converge within 120 s");
    Measured notRun = Measured.notRun("hearsay", 100, "not run: too many sockets");

    String table = ComparisonTable.render(List.of(50, 100), List.of(hearsay, notRun), List.of(scaleCube, collapsed));

    assertTrue(table.contains("| 50 | cold start: every member sees all N, s | 9.0 | 12.0 | 0.75 |"), table);
    assertTrue(table.contains("| 50 | steady bytes sent / member / s | 1,500 | 1,000 | 1.50 |"), table);
    assertTrue(table.contains("did not converge within 120 s"), table);
    assertTrue(table.contains("not run: too many sockets"), table);

    String goals = Goals.render(List.of(50, 100), List.of(hearsay, notRun), List.of(scaleCube, collapsed), 8000.0);
    assertTrue(goals.contains("| convergence no slower than ScaleCube (security on) | 50 | 9.0 s | 12.0 s | met |"), goals);
    assertTrue(goals.contains("| 50 | 1,500 B/s | n/a | met at N = 50; N = 100 did not run to a figure |"), goals);
    assertTrue(goals.contains("8,000 per CPU-second | n/a | met |"), goals);
  }
}
