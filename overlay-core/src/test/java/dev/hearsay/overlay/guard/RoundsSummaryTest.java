package dev.hearsay.overlay.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.overlay.guard.RoundsSummary.Change;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundsSummaryTest {

  @Test
  void medianOfOddAndEvenCounts() {
    assertEquals(3.0, RoundsSummary.median(List.of(9.0, 3.0, -4.0)));
    assertEquals(2.5, RoundsSummary.median(List.of(9.0, 3.0, -4.0, 2.0)));
  }

  @Test
  void aFloodIsJudgedByItsMedianNotByItsWorstRound() {
    List<List<Change>> rounds = List.of(
        List.of(new Change("quiet", 5, -10), new Change("flood: frames", 30, 45), new Change("quiet", -5, 10)),
        List.of(new Change("quiet", 1, 2), new Change("flood: frames", 4, 12), new Change("quiet", 0, 0)),
        List.of(new Change("quiet", 2, 2), new Change("flood: frames", -2, 19), new Change("quiet", 3, -3)));
    String table = RoundsSummary.of(rounds, "quiet");
    String frames = table.lines().filter(l -> l.startsWith("flood: frames")).findFirst().orElseThrow();
    assertTrue(frames.contains("+4 % (+30 +4 -2)"), frames);
    assertTrue(frames.contains("+19 % (+45 +12 +19)"), frames);
    assertTrue(frames.endsWith("dissemination met, CPU met"), frames);
    assertTrue(table.lines().anyMatch(l -> l.startsWith("quiet (6)")), table);
  }

  @Test
  void aMedianOverTheGoalIsMarkedMissed() {
    List<List<Change>> rounds = List.of(List.of(new Change("flood: accusations", 11, 21)), List.of(new Change("flood: accusations", 12, 25)));
    String line = RoundsSummary.of(rounds, "quiet").lines().filter(l -> l.startsWith("flood: accusations")).findFirst().orElseThrow();
    assertTrue(line.endsWith("dissemination MISSED, CPU MISSED"), line);
  }
}
