package dev.hearsay.overlay.guard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The flood acceptance's verdict over several rounds: per phase, the median of its rounds' changes
 * against their neighbouring quiet phases, next to issue 4's goal for the floods (dissemination
 * +10 % at most, honest CPU +20 % at most). One round's figure moves by tens of percent with the
 * machine's other load (quiet phases of one round differ among themselves as much); a median of
 * several rounds is what the goal is read against.
 */
final class RoundsSummary {
  static final double DISSEMINATION_GOAL = 10;
  static final double CPU_GOAL = 20;

  /** One phase of one round: its change, in percent, against its baseline. */
  record Change(String phase, double dissemination, double cpu) {}

  private RoundsSummary() {}

  /** The summary table of {@code rounds} (each a round's phases in order); {@code quiet} names the quiet phases. */
  static String of(List<List<Change>> rounds, String quiet) {
    Map<String, List<Change>> byPhase = new LinkedHashMap<>();
    for (List<Change> round : rounds) {
      for (Change c : round) {
        byPhase.computeIfAbsent(c.phase(), k -> new ArrayList<>()).add(c);
      }
    }
    StringBuilder out = new StringBuilder(String.format(
        "%nflood acceptance over %d rounds: per phase, the median of the rounds' changes against the neighbouring quiet phases "
            + "(each round's in brackets; quiet phases: each against the round's other quiet phases, all pooled); goal for the "
            + "floods: dissemination at most %+.0f %%, honest CPU at most %+.0f %%%n",
        rounds.size(), DISSEMINATION_GOAL, CPU_GOAL));
    out.append(String.format("%-32s %-40s %-40s %s%n", "phase", "dissemination", "honest CPU", "goal"));
    byPhase.forEach((phase, changes) -> {
      List<Double> d = changes.stream().map(Change::dissemination).toList();
      List<Double> cpu = changes.stream().map(Change::cpu).toList();
      String goal = "-";
      if (phase.startsWith("flood")) {
        goal = (median(d) <= DISSEMINATION_GOAL ? "dissemination met" : "dissemination MISSED") + ", "
            + (median(cpu) <= CPU_GOAL ? "CPU met" : "CPU MISSED");
      }
      out.append(String.format("%-32s %-40s %-40s %s%n", phase.equals(quiet) ? quiet + " (" + changes.size() + ")" : phase,
          figure(d), figure(cpu), goal));
    });
    return out.toString();
  }

  private static String figure(List<Double> values) {
    String each = values.size() > 8 ? String.format("%+.0f..%+.0f", min(values), max(values))
        : values.stream().map(v -> String.format("%+.0f", v)).collect(Collectors.joining(" "));
    return String.format("%+5.0f %% (%s)", median(values), each);
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }
}
