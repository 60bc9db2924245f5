package dev.hearsay.bench.sidebyside;

import java.util.Map;

/**
 * What one implementation showed at one cluster size. A null figure was not measured: the cluster
 * did not get that far, and {@link #note} says why.
 */
public record Measured(
    String label,
    int n,
    String startMode,
    Double startSeconds,
    Double convergeSeconds,
    Double cpuPerMemberPerMinute,
    Double bytesPerMemberPerSecond,
    Double heapPerMemberKb,
    Double allMarkDeadSeconds,
    Map<String, String> facts,
    int threads,
    long openFds,
    String note) {

  /** A size that was not run at all, and why. */
  static Measured notRun(String label, int n, String why) {
    return new Measured(label, n, "–", null, null, null, null, null, null, Map.of(), 0, -1, why);
  }

  boolean converged() {
    return convergeSeconds != null;
  }
}
