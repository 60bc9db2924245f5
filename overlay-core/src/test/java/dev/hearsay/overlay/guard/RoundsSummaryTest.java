package dev.hearsay.overlay.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.overlay.guard.RoundsSummary.Estimate;
import dev.hearsay.overlay.guard.RoundsSummary.PhaseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

class RoundsSummaryTest {
  private static final long SEED = 42;

  @Test
  void medianAndMeanOfOddAndEvenCounts() {
    assertEquals(3.0, RoundsSummary.median(new long[] {9, 3, -4}));
    assertEquals(2.5, RoundsSummary.median(new long[] {9, 3, -4, 2}));
    assertEquals(2.5, RoundsSummary.mean(new long[] {9, 3, -4, 2}));
    assertEquals(2.5, RoundsSummary.medianOf(List.of(9.0, 3.0, -4.0, 2.0)));
  }

  /** Samples spread evenly over a 200 ms tick after a 20 ms join, as a quiet phase's are, shifted by {@code shift}. */
  private static List<Long> tickSpread(Random rng, int n, LongUnaryOperator shift) {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(shift.applyAsLong(20 + rng.nextInt(200)));
    }
    return out;
  }

  @Test
  void aSlowerFloodIsSeenThroughTheTickSpreadAndItsIntervalLeavesOutNoChange() {
    Random rng = new Random(SEED);
    List<Long> baseline = tickSpread(rng, 900, x -> x);
    List<Long> slower = tickSpread(rng, 450, x -> x * 13 / 10);
    Estimate mean = RoundsSummary.change(slower, baseline, RoundsSummary::mean, new Random(SEED));
    assertTrue(mean.change() > 20 && mean.change() < 40, mean.toString());
    assertTrue(mean.low() > 10 && mean.low() < mean.change() && mean.high() > mean.change(), mean.toString());
  }

  @Test
  void anUnchangedPhasesIntervalsHoldNoChangeAndTheMeansIsTheTighter() {
    Random rng = new Random(SEED);
    List<Long> baseline = tickSpread(rng, 900, x -> x);
    List<Long> same = tickSpread(rng, 450, x -> x);
    Estimate mean = RoundsSummary.change(same, baseline, RoundsSummary::mean, new Random(SEED));
    Estimate median = RoundsSummary.change(same, baseline, RoundsSummary::median, new Random(SEED));
    for (Estimate e : List.of(mean, median)) {
      assertTrue(e.low() < 0 && e.high() > 0, e.toString());
    }
    // Why the mean is printed beside the median: over an even spread it pins a change about twice as tightly.
    assertTrue(mean.high() - mean.low() < 15, "450 against 900 samples should pin the mean's change within ±7.5 %: " + mean);
    assertTrue(mean.high() - mean.low() < (median.high() - median.low()) * 0.75, mean + " against " + median);
  }

  @Test
  void theIntervalIsTheSameForTheSameSeed() {
    Random rng = new Random(SEED);
    List<Long> a = tickSpread(rng, 100, x -> x);
    List<Long> b = tickSpread(rng, 100, x -> x + 10);
    assertEquals(RoundsSummary.change(a, b, RoundsSummary::median, new Random(7)),
        RoundsSummary.change(a, b, RoundsSummary::median, new Random(7)));
  }

  @Test
  void aFloodIsJudgedOnEveryRoundsSamplesPooledNotOnItsWorstRound() {
    // Round 1's flood is +30 %, rounds 2 and 3 are -5 %: pooled, the median is -5 % and the mean +7 %.
    List<List<PhaseResult>> rounds = List.of(
        round(List.of(130L, 130L, 130L), 45),
        round(List.of(95L, 95L, 95L), 12),
        round(List.of(95L, 95L, 95L), 19));
    String table = RoundsSummary.of(rounds, "quiet", SEED);
    String frames = line(table, "flood: frames");
    assertTrue(frames.contains("9/18"), frames);
    assertTrue(frames.contains("  -5 % ["), frames);
    assertTrue(frames.contains("  +7 % ["), frames);
    assertTrue(frames.contains("+19 % (+45 +12 +19)"), frames);
    assertTrue(frames.endsWith("dissemination met, CPU met"), frames);
    assertTrue(table.lines().anyMatch(l -> l.startsWith("quiet (6)")), table);
  }

  @Test
  void aFloodIsMissedWhenItsMeanIsOverTheGoalEvenIfItsMedianIsNot() {
    // Most samples unchanged, a third of them a tick late: the median stays, the mean rises by +44 %.
    List<Long> flood = List.of(100L, 100L, 100L, 100L, 100L, 100L, 300L, 300L, 300L);
    List<List<PhaseResult>> rounds = List.of(List.of(new PhaseResult("flood: accusations", flood, List.of(100L, 100L, 100L, 150L), 1.05, 1.0)));
    String accusations = line(RoundsSummary.of(rounds, "quiet", SEED), "flood: accusations");
    assertTrue(accusations.endsWith("dissemination MISSED, CPU met"), accusations);
  }

  @Test
  void aCpuMedianOverTheGoalIsMarkedMissed() {
    List<List<PhaseResult>> rounds = List.of(
        List.of(new PhaseResult("flood: accusations", List.of(100L), List.of(100L), 0.0121, 0.01)),
        List.of(new PhaseResult("flood: accusations", List.of(100L), List.of(100L), 0.0125, 0.01)));
    String accusations = line(RoundsSummary.of(rounds, "quiet", SEED), "flood: accusations");
    assertTrue(accusations.endsWith("dissemination met, CPU MISSED"), accusations);
    assertTrue(accusations.contains(" +0.23 %"), "the median CPU added, in percent of one core: " + accusations);
  }

  @Test
  void aPhaseIsComparedWithAControlOnTheirPooledSamples() {
    List<List<PhaseResult>> rounds = List.of(List.of(
        new PhaseResult("control: unreachable member", List.of(100L, 100L, 100L), List.of(), 1, 1.0),
        new PhaseResult("flood: accusations", List.of(110L, 110L, 110L), List.of(), 1, 1.0)));
    String line = RoundsSummary.against(rounds, "flood: accusations", "control: unreachable member", SEED);
    assertTrue(line.contains("median  +10 % [+10, +10], mean  +10 % [+10, +10]"), line);
    assertEquals("", RoundsSummary.against(rounds, "flood: accusations", "control: busy core", SEED));
  }

  /** Quiet, flood, quiet, with the flood's samples as given, the quiet ones 100 ms, and the flood's CPU change. */
  private static List<PhaseResult> round(List<Long> flood, double cpuChange) {
    List<Long> quiet = List.of(100L, 100L, 100L);
    return List.of(new PhaseResult("quiet", quiet, quiet, 0.1, 0.1),
        new PhaseResult("flood: frames", flood, List.of(100L, 100L, 100L, 100L, 100L, 100L), 0.1 * (1 + cpuChange / 100), 0.1),
        new PhaseResult("quiet", quiet, quiet, 0.1, 0.1));
  }

  private static String line(String table, String phase) {
    return table.lines().filter(l -> l.startsWith(phase)).findFirst().orElseThrow(() -> new AssertionError(table));
  }
}
