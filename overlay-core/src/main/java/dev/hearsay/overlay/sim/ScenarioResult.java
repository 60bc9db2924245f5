package dev.hearsay.overlay.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one run. {@code metrics} keeps insertion order; keys follow the JSON names
 * ({@code rounds_to_99_9}, {@code detect_all_median_s}, {@code false_dead}, ...). A metric that could not be
 * reached within the run (for example 100 % awareness) is present with a null value.
 */
public record ScenarioResult(int nodes, Scenario scenario, long seed, Map<String, Object> metrics) {

  public ScenarioResult {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  public Object metric(String key) {
    return metrics.get(key);
  }

  /** The metric as a double; throws if it is absent or null. */
  public double number(String key) {
    Object v = metrics.get(key);
    if (!(v instanceof Number num)) {
      throw new IllegalStateException("no numeric metric " + key + " in " + toJson());
    }
    return num.doubleValue();
  }

  /** One JSON object on one line. */
  public String toJson() {
    StringBuilder sb = new StringBuilder(256);
    sb.append("{\"nodes\":").append(nodes).append(",\"scenario\":\"").append(scenario.id()).append("\",\"seed\":")
        .append(seed);
    for (Map.Entry<String, Object> e : metrics.entrySet()) {
      sb.append(",\"").append(escape(e.getKey())).append("\":");
      appendValue(sb, e.getValue());
    }
    return sb.append('}').toString();
  }

  /** Human-readable lines, one metric per line. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "scenario %s, %d nodes, seed %d%n", scenario.id(), nodes, seed));
    for (Map.Entry<String, Object> e : metrics.entrySet()) {
      StringBuilder v = new StringBuilder();
      appendValue(v, e.getValue());
      sb.append(String.format(Locale.ROOT, "  %-28s %s%n", e.getKey(), v));
    }
    return sb.toString();
  }

  private static void appendValue(StringBuilder sb, Object v) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        sb.append("null");
      } else {
        sb.append(String.format(Locale.ROOT, "%.3f", d));
      }
    } else if (v instanceof Number || v instanceof Boolean) {
      sb.append(v);
    } else {
      sb.append('"').append(escape(v.toString())).append('"');
    }
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
