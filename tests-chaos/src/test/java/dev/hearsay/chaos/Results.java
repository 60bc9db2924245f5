package dev.hearsay.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The suite's results table: one row per scenario, pass or fail, and the figures it measured. Printed
 * after each test class and appended to {@code target/chaos-results/results.md}.
 */
final class Results {
  record Row(String scenario, boolean passed, String figures) {}

  private final List<Row> rows = new ArrayList<>();

  synchronized void add(String scenario, boolean passed, String figures) {
    rows.add(new Row(scenario, passed, figures));
  }

  synchronized String table() {
    StringBuilder sb = new StringBuilder("| scenario | result | figures |\n|---|---|---|\n");
    for (Row r : rows) {
      sb.append("| ").append(r.scenario()).append(" | ").append(r.passed() ? "pass" : "FAIL").append(" | ")
          .append(r.figures()).append(" |\n");
    }
    return sb.toString();
  }

  synchronized void print(String title) throws IOException {
    String table = table();
    System.out.println("\n" + title + "\n" + table);
    Path dir = Path.of(System.getProperty("chaos.results", "target/chaos-results"));
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("results.md"), "### " + title + "\n\n" + table + "\n",
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
