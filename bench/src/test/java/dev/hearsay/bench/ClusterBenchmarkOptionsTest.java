package dev.hearsay.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterBenchmarkOptionsTest {

  @Test
  void parsesFlags() {
    ClusterBenchmark.Options o = ClusterBenchmark.Options.parse(
        new String[] {"--nodes", "50, 200", "--seeds", "3", "--staggered", "--steady-seconds", "30", "--out", "x.md"});
    assertEquals(List.of(50, 200), o.nodes);
    assertEquals(3, o.seeds);
    assertTrue(o.staggered);
    assertEquals(30, o.steadySeconds);
  }

  @Test
  void refusesUnknownFlagsAndBadSizes() {
    assertThrows(IllegalArgumentException.class, () -> ClusterBenchmark.Options.parse(new String[] {"--bogus", "1"}));
    assertThrows(IllegalArgumentException.class, () -> ClusterBenchmark.Options.parse(new String[] {"--nodes", "1"}));
    assertThrows(IllegalArgumentException.class, () -> ClusterBenchmark.Options.parse(new String[] {"--nodes"}));
  }

  @Test
  void tableHasOneLinePerRow() {
    ClusterBenchmark.Row ok = new ClusterBenchmark.Row(50, "all at once", 1.0, 9.5, 20.0, 0.5, 1200.0, 10.0, 0.9, 1.5, 4.0,
        600.0, 0, 70, 300, "");
    ClusterBenchmark.Row failed = new ClusterBenchmark.Row(900, "all at once", 1.0, null, 20.0, null, null, null, null, null,
        null, null, 3, 70, 300, "did not converge in 300 s");
    String table = ClusterBenchmark.table(List.of(ok, failed));
    assertEquals(4, table.lines().count());
    assertTrue(table.contains("did not converge"));
  }
}
