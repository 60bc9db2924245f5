package dev.hearsay.chaos;

import java.util.HashMap;
import java.util.Map;

/** One node's {@code /metrics} (Prometheus text), summed by metric name and one label. */
record Metrics(Map<String, Double> samples) {
  /** Parses lines like {@code name{reason="x",} 3.0} into keys {@code name{reason="x"}} and {@code name}. */
  static Metrics parse(String text) {
    Map<String, Double> samples = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      String key = line.substring(0, space).replace(",}", "}");
      double value;
      try {
        value = Double.parseDouble(line.substring(space + 1));
      } catch (NumberFormatException e) {
        continue;
      }
      samples.merge(key, value, Double::sum);
      int brace = key.indexOf('{');
      if (brace > 0) {
        samples.merge(key.substring(0, brace), value, Double::sum);
      }
    }
    return new Metrics(samples);
  }

  /** A sample by metric name and, when given, its one {@code label="value"}; 0 when absent. */
  double get(String name, String label, String value) {
    String key = label == null ? name : name + "{" + label + "=\"" + value + "\"}";
    return samples.getOrDefault(key, 0.0);
  }

  /** The sum of {@code name}'s samples carrying every one of {@code labels} ({@code "key", "value", ...}). */
  double sum(String name, String... labels) {
    double total = 0;
    for (Map.Entry<String, Double> e : samples.entrySet()) {
      String key = e.getKey();
      if (!key.startsWith(name + "{")) {
        continue;
      }
      boolean all = true;
      for (int i = 0; i + 1 < labels.length; i += 2) {
        all &= key.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
      }
      if (all) {
        total += e.getValue();
      }
    }
    return total;
  }

  /** {@code hearsay_transport_rejections_total{reason}}. */
  double transportRejections(String reason) {
    return get("hearsay_transport_rejections_total", "reason", reason);
  }

  /** {@code hearsay_claims_rejected_total{reason}}. */
  double claimRejections(String reason) {
    return get("hearsay_claims_rejected_total", "reason", reason);
  }

  /** {@code hearsay_guard_actions_total{reason}}. */
  double guardActions(String reason) {
    return get("hearsay_guard_actions_total", "reason", reason);
  }
}
