package dev.hearsay.registry.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts and logs refused requests by error code: one line per rejection, naming the peer. */
final class Rejections {
  private static final Logger LOG = LoggerFactory.getLogger(Rejections.class);
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  void record(String error, String peer, String request, String detail) {
    counts.computeIfAbsent(error, e -> new LongAdder()).increment();
    if (error.equals(ApiError.RATE_LIMITED.code)) {
      // A flood of these must not become a flood of log lines; the count tells the story.
      LOG.debug("refused {} from {}: {}: {}", request, peer, error, detail);
    } else {
      LOG.warn("refused {} from {}: {}: {}", request, peer, error, detail);
    }
  }

  /** Counts without a log line, for refusals already logged elsewhere. */
  void count(String error) {
    counts.computeIfAbsent(error, e -> new LongAdder()).increment();
  }

  Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
