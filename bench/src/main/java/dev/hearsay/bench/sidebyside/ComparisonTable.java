package dev.hearsay.bench.sidebyside;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The side-by-side as Markdown: per cluster size, one line per measure with hearsay's figure,
 * ScaleCube's, and hearsay / ScaleCube (below 1: hearsay needs less).
 */
final class ComparisonTable {
  private ComparisonTable() {}

  /** A measure: its name, how to read it from a result, and how to print it. */
  private record Measure(String name, Function<Measured, Double> value, String format) {}

  private static final List<Measure> MEASURES = List.of(
      new Measure("cold start: every member sees all N, s", Measured::convergeSeconds, "%.1f"),
      new Measure("crash: every other member marks it dead, s", Measured::allMarkDeadSeconds, "%.1f"),
      new Measure("steady CPU s / member / min", Measured::cpuPerMemberPerMinute, "%.3f"),
      new Measure("steady bytes sent / member / s", Measured::bytesPerMemberPerSecond, "%,.0f"),
      new Measure("heap / member after GC, KB", Measured::heapPerMemberKb, "%,.0f"));

  /** {@code results}: hearsay's and ScaleCube's result for each size, in pairs (either may be null: not asked for). */
  static String render(List<Integer> sizes, List<Measured> hearsay, List<Measured> scaleCube) {
    String h = labelOf(hearsay, "hearsay");
    String s = labelOf(scaleCube, "ScaleCube");
    StringBuilder sb = new StringBuilder();
    sb.append("| N | measure | ").append(h).append(" | ").append(s).append(" | hearsay / ScaleCube |\n");
    sb.append("|---:|---|---:|---:|---:|\n");
    for (int i = 0; i < sizes.size(); i++) {
      int n = sizes.get(i);
      Measured a = i < hearsay.size() ? hearsay.get(i) : null;
      Measured b = i < scaleCube.size() ? scaleCube.get(i) : null;
      line(sb, n, "start (how, s until all started)", start(a), start(b), "");
      for (Measure m : MEASURES) {
        Double x = a == null ? null : m.value().apply(a);
        Double y = b == null ? null : m.value().apply(b);
        line(sb, n, m.name(), cell(a, x, m.format()), cell(b, y, m.format()), ratio(x, y));
      }
      if (a != null && !a.facts().isEmpty()) {
        a.facts().forEach((name, value) -> line(sb, n, name, value, "n/a", ""));
      }
      line(sb, n, "threads / open fds (end of steady window)", resources(a), resources(b), "");
      String notes = note(a, b);
      if (!notes.isEmpty()) {
        line(sb, n, "note", note(a), note(b), "");
      }
    }
    return sb.toString();
  }

  private static String labelOf(List<Measured> results, String fallback) {
    return results.stream().filter(r -> r != null && !r.label().isEmpty()).map(Measured::label).findFirst().orElse(fallback);
  }

  private static void line(StringBuilder sb, int n, String measure, String a, String b, String ratio) {
    sb.append("| ").append(n).append(" | ").append(measure).append(" | ").append(a).append(" | ").append(b)
        .append(" | ").append(ratio).append(" |\n");
  }

  private static String start(Measured m) {
    if (m == null) {
      return "not asked for";
    }
    return m.startSeconds() == null ? "–" : String.format(Locale.ROOT, "%s, %.1f", m.startMode(), m.startSeconds());
  }

  /** A figure, or why there is none. */
  private static String cell(Measured m, Double value, String format) {
    if (m == null) {
      return "not asked for";
    }
    if (value != null) {
      return String.format(Locale.ROOT, format, value);
    }
    if (m.startSeconds() == null) {
      return "not run"; // the note says why
    }
    return m.converged() ? "–" : "did not converge";
  }

  private static String ratio(Double hearsay, Double scaleCube) {
    if (hearsay == null || scaleCube == null || scaleCube == 0) {
      return "–";
    }
    return String.format(Locale.ROOT, "%.2f", hearsay / scaleCube);
  }

  private static String resources(Measured m) {
    if (m == null || m.openFds() < 0) {
      return "–";
    }
    return m.threads() + " / " + m.openFds();
  }

  private static String note(Measured a, Measured b) {
    return (note(a) + note(b)).trim();
  }

  private static String note(Measured m) {
    return m == null || m.note() == null ? "" : m.note().replace("|", "/");
  }
}
