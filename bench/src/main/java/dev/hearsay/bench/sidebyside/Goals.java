package dev.hearsay.bench.sidebyside;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Issue 7's goals, checked against one run's results: met, not met, or not measurable, with the figures. */
final class Goals {
  static final double MAX_BYTES_PER_MEMBER_PER_SECOND = 10 * 1024;
  static final double MIN_VERIFY_PER_CORE_SECOND = 7_000;

  private Goals() {}

  /** {@code verifyPerCpuSecond}: median claim verifications per CPU-second of one thread, or null if not measured. */
  static String render(List<Integer> sizes, List<Measured> hearsay, List<Measured> scaleCube, Double verifyPerCpuSecond) {
    List<String> lines = new ArrayList<>();
    lines.add("| goal | N | hearsay | ScaleCube | verdict |");
    lines.add("|---|---:|---:|---:|---|");
    for (int i = 0; i < sizes.size(); i++) {
      Measured a = i < hearsay.size() ? hearsay.get(i) : null;
      Measured b = i < scaleCube.size() ? scaleCube.get(i) : null;
      if (a == null || b == null) {
        continue; // one of the two was not asked for: nothing to compare
      }
      lines.add(noSlower("convergence no slower than ScaleCube (security on)", sizes.get(i), a.convergeSeconds(),
          b.convergeSeconds()));
      lines.add(noSlower("detection no slower than ScaleCube (security on)", sizes.get(i), a.allMarkDeadSeconds(),
          b.allMarkDeadSeconds()));
    }
    lines.add(bytesAtLargest(sizes, hearsay));
    lines.add(String.format(Locale.ROOT, "| verify throughput >= 7,000 claims/s per core | – | %s | n/a | %s |",
        verifyPerCpuSecond == null ? "not measured" : String.format(Locale.ROOT, "%,.0f per CPU-second", verifyPerCpuSecond),
        verifyPerCpuSecond == null ? "not measured" : verifyPerCpuSecond >= MIN_VERIFY_PER_CORE_SECOND ? "met" : "not met"));
    return String.join("\n", lines) + "\n";
  }

  private static String noSlower(String goal, int n, Double hearsay, Double scaleCube) {
    String verdict;
    if (hearsay == null && scaleCube == null) {
      verdict = "not measurable: neither ran to a figure at this N";
    } else if (hearsay == null) {
      verdict = "not met (hearsay has no figure at this N)";
    } else if (scaleCube == null) {
      verdict = "no ScaleCube figure to compare with";
    } else {
      verdict = hearsay <= scaleCube ? "met" : "not met";
    }
    return String.format(Locale.ROOT, "| %s | %d | %s | %s | %s |", goal, n, seconds(hearsay), seconds(scaleCube), verdict);
  }

  /** The bytes goal is stated for the largest N; say which N that figure really comes from. */
  private static String bytesAtLargest(List<Integer> sizes, List<Measured> hearsay) {
    int largestAsked = sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
    Measured largest = null;
    for (Measured m : hearsay) {
      if (m != null && m.bytesPerMemberPerSecond() != null && (largest == null || m.n() > largest.n())) {
        largest = m;
      }
    }
    if (largest == null) {
      return "| steady bytes <= 10 KB/s per member at the largest N | " + largestAsked + " | no figure | n/a | not measured |";
    }
    String verdict = largest.bytesPerMemberPerSecond() <= MAX_BYTES_PER_MEMBER_PER_SECOND ? "met" : "not met";
    if (largest.n() < largestAsked) {
      verdict += " at N = " + largest.n() + "; N = " + largestAsked + " did not run to a figure";
    }
    return String.format(Locale.ROOT, "| steady bytes <= 10 KB/s per member at the largest N | %d | %,.0f B/s | n/a | %s |",
        largest.n(), largest.bytesPerMemberPerSecond(), verdict);
  }

  private static String seconds(Double s) {
    return s == null ? "–" : String.format(Locale.ROOT, "%.1f s", s);
  }
}
