package dev.hearsay.overlay.guard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The flood acceptance's verdict over several rounds, next to issue 4's goal for the floods
 * (dissemination +10 % at most, honest CPU +20 % at most).
 *
 * <p>Dissemination: per phase, every round's samples pooled, against every round's baseline
 * samples pooled (the neighbouring quiet phases), as the change of the median and of the mean, each
 * with a 95 % bootstrap interval. A single sample waits for a gossip tick, so samples spread
 * uniformly over a tick (200 ms) and one round's median moves by tens of percent; two five-round
 * runs of one build, judged by the median of their rounds' changes, put one flood at +1 % and +23 %.
 * Pooling uses every sample; the mean is printed beside the median because for samples spread
 * evenly over a tick it is the tighter of the two (one run's intervals: about ±10 % for the mean,
 * ±15 % for the median, at 150 samples a side). A flood meets the goal when both changes do; the
 * intervals say how far the figures can be trusted.
 *
 * <p>CPU: one figure per round and phase, so the median of the rounds' changes, each round's in
 * brackets.
 */
final class RoundsSummary {
  static final double DISSEMINATION_GOAL = 10;
  static final double CPU_GOAL = 20;
  /** Resamples per bootstrap interval: enough for a stable 2.5th and 97.5th percentile. */
  static final int RESAMPLES = 2000;

  /**
   * One phase of one round: its samples (ms) and its baseline's, and the honest nodes' CPU in each, as
   * a share of one core.
   */
  record PhaseResult(String phase, List<Long> samples, List<Long> baseline, double cpu, double baselineCpu) {
    double cpuChange() {
      return percent(cpu, baselineCpu);
    }

    /** The CPU the phase added to its baseline, in percent of one core. */
    double cpuAdded() {
      return 100 * (cpu - baselineCpu);
    }
  }

  /** A change in percent of pooled samples against pooled baseline samples, with its 95 % interval. */
  record Estimate(double change, double low, double high) {
    @Override
    public String toString() {
      return String.format("%+4.0f %% [%+.0f, %+.0f]", change, low, high);
    }
  }

  private RoundsSummary() {}

  /**
   * The summary table of {@code rounds} (each a round's phases in order); {@code quiet} names the
   * quiet phases; {@code seed} seeds the bootstrap, so a table can be recomputed exactly.
   */
  static String of(List<List<PhaseResult>> rounds, String quiet, long seed) {
    Map<String, List<PhaseResult>> byPhase = byPhase(rounds);
    Random rng = new Random(seed);
    StringBuilder out = new StringBuilder(String.format(
        "%nflood acceptance over %d rounds: dissemination = every round's samples of a phase pooled against every round's "
            + "samples of its neighbouring quiet phases (a quiet phase: the round's other quiet phases), change of the median "
            + "and of the mean with 95 %% bootstrap intervals (%d resamples, seed %d); honest CPU = median of the rounds' changes "
            + "(each round's in brackets), and what it added in percent of one core; goal for the floods: dissemination at "
            + "most %+.0f %% (median and mean), honest CPU at most %+.0f %%%n",
        rounds.size(), RESAMPLES, seed, DISSEMINATION_GOAL, CPU_GOAL));
    out.append(String.format("%-32s %9s %-22s %-22s %-28s %-10s %s%n", "phase", "samples", "dissemination median",
        "dissemination mean", "honest CPU", "added", "goal"));
    byPhase.forEach((phase, results) -> {
      List<Long> samples = pooled(results, PhaseResult::samples);
      List<Long> baseline = pooled(results, PhaseResult::baseline);
      Estimate median = change(samples, baseline, RoundsSummary::median, rng);
      Estimate mean = change(samples, baseline, RoundsSummary::mean, rng);
      List<Double> cpu = results.stream().map(PhaseResult::cpuChange).toList();
      String goal = "-";
      if (phase.startsWith("flood")) {
        goal = (median.change() <= DISSEMINATION_GOAL && mean.change() <= DISSEMINATION_GOAL
            ? "dissemination met" : "dissemination MISSED") + ", "
            + (medianOf(cpu) <= CPU_GOAL ? "CPU met" : "CPU MISSED");
      }
      double added = medianOf(results.stream().map(PhaseResult::cpuAdded).toList());
      out.append(String.format("%-32s %4d/%-4d %-22s %-22s %-28s %+6.2f %%   %s%n",
          phase.equals(quiet) ? quiet + " (" + results.size() + ")" : phase, samples.size(), baseline.size(),
          median, mean, cpuFigure(cpu), added, goal));
    });
    return out.toString();
  }

  /**
   * One line: {@code phase}'s pooled samples against {@code control}'s rather than against the quiet
   * phases, for a flood whose flooder brings something the quiet phases lack and a control has too.
   */
  static String against(List<List<PhaseResult>> rounds, String phase, String control, long seed) {
    Map<String, List<PhaseResult>> byPhase = byPhase(rounds);
    if (!byPhase.containsKey(phase) || !byPhase.containsKey(control)) {
      return "";
    }
    List<Long> samples = pooled(byPhase.get(phase), PhaseResult::samples);
    List<Long> controls = pooled(byPhase.get(control), PhaseResult::samples);
    Random rng = new Random(seed);
    return String.format("%s against %s (pooled, %d/%d samples): median %s, mean %s%n", phase, control,
        samples.size(), controls.size(), change(samples, controls, RoundsSummary::median, rng),
        change(samples, controls, RoundsSummary::mean, rng));
  }

  private static Map<String, List<PhaseResult>> byPhase(List<List<PhaseResult>> rounds) {
    Map<String, List<PhaseResult>> byPhase = new LinkedHashMap<>();
    for (List<PhaseResult> round : rounds) {
      for (PhaseResult r : round) {
        byPhase.computeIfAbsent(r.phase(), k -> new ArrayList<>()).add(r);
      }
    }
    return byPhase;
  }

  private static List<Long> pooled(List<PhaseResult> results, java.util.function.Function<PhaseResult, List<Long>> part) {
    return results.stream().flatMap(r -> part.apply(r).stream()).toList();
  }

  /**
   * The change of {@code statistic} from {@code baseline} to {@code samples}, in percent, with the
   * 2.5th and 97.5th percentiles of the same change over {@link #RESAMPLES} resamplings of both
   * sides (each drawn with replacement, at its own size).
   */
  static Estimate change(List<Long> samples, List<Long> baseline, ToDoubleFunction<long[]> statistic, Random rng) {
    long[] a = millis(samples);
    long[] b = millis(baseline);
    if (a.length == 0 || b.length == 0) {
      return new Estimate(Double.NaN, Double.NaN, Double.NaN);
    }
    double[] changes = new double[RESAMPLES];
    long[] ra = new long[a.length];
    long[] rb = new long[b.length];
    for (int i = 0; i < RESAMPLES; i++) {
      resample(a, ra, rng);
      resample(b, rb, rng);
      changes[i] = percent(statistic.applyAsDouble(ra), statistic.applyAsDouble(rb));
    }
    java.util.Arrays.sort(changes);
    return new Estimate(percent(statistic.applyAsDouble(a), statistic.applyAsDouble(b)),
        changes[(int) (0.025 * RESAMPLES)], changes[(int) (0.975 * RESAMPLES) - 1]);
  }

  private static void resample(long[] from, long[] into, Random rng) {
    for (int i = 0; i < into.length; i++) {
      into[i] = from[rng.nextInt(from.length)];
    }
  }

  static double percent(double value, double base) {
    return 100.0 * (value - base) / base;
  }

  static long[] millis(List<Long> samples) {
    return samples.stream().mapToLong(Long::longValue).toArray();
  }

  static double median(long[] values) {
    return median(java.util.Arrays.stream(values).asDoubleStream().toArray());
  }

  static double mean(long[] values) {
    return java.util.Arrays.stream(values).average().orElse(Double.NaN);
  }

  static double medianOf(List<Double> values) {
    return median(values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String cpuFigure(List<Double> values) {
    String each = values.size() > 8
        ? String.format("%+.0f..%+.0f", values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
            values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN))
        : values.stream().map(v -> String.format("%+.0f", v)).collect(Collectors.joining(" "));
    return String.format("%+4.0f %% (%s)", medianOf(values), each);
  }
}
