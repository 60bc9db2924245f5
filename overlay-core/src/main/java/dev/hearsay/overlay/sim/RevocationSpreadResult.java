package dev.hearsay.overlay.sim;

import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.revocation.gossip.GossipEffects;
import dev.hearsay.registry.log.ChainVerification;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one revocation spread run: over every (publish, member) pair, the time from the
 * publish until the member held the entry (p50, p99, max; null when not every member got there),
 * and what the members sent, offered and dropped.
 */
public record RevocationSpreadResult(
    RevocationSpreadConfig config, int held, int expected, Double p50Ms, Double p99Ms, Double maxMs, Counts counts, long wallNanos) {

  static RevocationSpreadResult of(RevocationSpreadConfig config, long[] latencies, Counts counts, long wallNanos) {
    int expected = config.nodes() * config.publishes();
    long[] sorted = Percentiles.sorted(latencies, latencies.length);
    return new RevocationSpreadResult(config, latencies.length, expected, ms(sorted, expected, 0.50), ms(sorted, expected, 0.99),
        ms(sorted, expected, 1.0), counts, wallNanos);
  }

  private static Double ms(long[] sorted, int total, double p) {
    Long nanos = Percentiles.atFraction(sorted, sorted.length, total, p);
    return nanos == null ? null : nanos / 1e6;
  }

  /** Header of {@link #row()}. */
  public static String header() {
    return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n|---|---|---|---|---|---|---|---|---|",
        "nodes", "reach the registry", "loss", "one-way delay", "seed", "p50", "p99", "max", "sent per member per publish");
  }

  /** One markdown table row. */
  public String row() {
    double per = (double) config.nodes() * config.publishes();
    return String.format(Locale.ROOT, "| %,d | %s | %.0f %% | %s | %d | %s | %s | %s | %.1f messages, %.1f KB |",
        config.nodes(), config.reachable() == config.nodes() ? "all" : String.valueOf(config.reachable()), config.loss() * 100,
        delay(), config.seed(), format(p50Ms), format(p99Ms), format(maxMs), counts.messagesSent() / per, counts.bytesSent() / per / 1000);
  }

  private String delay() {
    return String.format(Locale.ROOT, "%.1f-%.1f ms", config.minDelay() / 1e6, (config.minDelay() + config.jitter()) / 1e6);
  }

  private static String format(Double ms) {
    return ms == null ? "not reached" : ms >= 1000 ? String.format(Locale.ROOT, "%.2f s", ms / 1000) : String.format(Locale.ROOT, "%.0f ms", ms);
  }

  @Override
  public String toString() {
    return row() + " (" + held + " of " + expected + " held; " + counts + "; " + wallNanos / 1_000_000 + " ms wall)";
  }

  /** What the members did, summed. */
  public static final class Counts {
    private final Map<String, Long> sent = new TreeMap<>();
    private final Map<String, Long> offers = new TreeMap<>();
    private final Map<GossipEffects.Drop, Long> drops = new EnumMap<>(GossipEffects.Drop.class);
    private long messagesSent;
    private long bytesSent;

    void sent(Message m) {
      sent.merge(m.getClass().getSimpleName(), 1L, Long::sum);
      messagesSent++;
      bytesSent += m.estimatedBytes();
    }

    void offered(ChainVerification v) {
      offers.merge(v.outcome().name().toLowerCase(Locale.ROOT), 1L, Long::sum);
    }

    void dropped(GossipEffects.Drop d) {
      drops.merge(d, 1L, Long::sum);
    }

    public long messagesSent() {
      return messagesSent;
    }

    /** Estimated bytes on the wire, frame and TLS record overhead included. */
    public long bytesSent() {
      return bytesSent;
    }

    /** Offers by outcome ({@code accepted}, {@code ignored}, {@code rejected}). */
    public long offers(String outcome) {
      return offers.getOrDefault(outcome, 0L);
    }

    @Override
    public String toString() {
      return "sent " + sent + ", offers " + offers + ", dropped " + drops;
    }
  }
}
