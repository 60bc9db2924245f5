package dev.hearsay.bench.measure;

import java.time.Instant;
import java.util.Locale;

/** Progress lines on stderr, with the time of day; stdout is kept for the result tables. */
public final class BenchLog {
  private BenchLog() {}

  public static void log(String format, Object... args) {
    System.err.printf(Locale.ROOT, "%s %s%n", Instant.now().toString().substring(11, 19),
        String.format(Locale.ROOT, format, args));
  }
}
