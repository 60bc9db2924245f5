package dev.hearsay.overlay.transport;

import dev.hearsay.crypto.NodeIdentity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts every rejection by reason ({@code hearsay_transport_rejections_total{reason}}) and logs
 * one line per rejection, at most one line per reason per second so a flooding peer cannot flood
 * the log; the next line says how many were not logged.
 */
public final class Rejections {
  private static final Logger LOG = LoggerFactory.getLogger(Rejections.class);
  static final long LOG_INTERVAL_NANOS = 1_000_000_000L;

  private final Map<RejectReason, Counter> counters = new EnumMap<>(RejectReason.class);
  private final Map<RejectReason, AtomicLong> lastLogged = new EnumMap<>(RejectReason.class);
  private final Map<RejectReason, AtomicLong> suppressed = new EnumMap<>(RejectReason.class);
  private final LongSupplier nanoTime;

  public Rejections(MeterRegistry registry, LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    for (RejectReason reason : RejectReason.values()) {
      counters.put(
          reason,
          Counter.builder("hearsay.transport.rejections")
              .description("Connections and frames refused by the transport, by reason")
              .tag("reason", reason.label())
              .register(registry));
      lastLogged.put(reason, new AtomicLong(nanoTime.getAsLong() - LOG_INTERVAL_NANOS));
      suppressed.put(reason, new AtomicLong());
    }
  }

  /** Records a rejection; {@code peer} is null when the peer is not (yet) authenticated. */
  public void reject(RejectReason reason, NodeIdentity peer, Object remote, String detail) {
    counters.get(reason).increment();
    long now = nanoTime.getAsLong();
    AtomicLong last = lastLogged.get(reason);
    long previous = last.get();
    if (now - previous >= LOG_INTERVAL_NANOS && last.compareAndSet(previous, now)) {
      long skipped = suppressed.get(reason).getAndSet(0);
      LOG.warn(
          "rejected {} from {} ({}): {}{}",
          reason.label(),
          peer == null ? "unauthenticated peer" : peer.uri(),
          remote,
          detail,
          skipped == 0 ? "" : " [" + skipped + " more not logged]");
    } else {
      suppressed.get(reason).incrementAndGet();
    }
  }

  public double count(RejectReason reason) {
    return counters.get(reason).count();
  }
}
