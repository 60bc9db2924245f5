package dev.hearsay.overlay.transport;

import dev.hearsay.crypto.NodeIdentity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts every rejection by reason (a counter named by the owner, tagged {@code reason}) and logs
 * one line per rejection, at most one line per reason per second so a flooding peer cannot flood
 * the log; the next line says how many were not logged.
 */
public final class Rejections {
  private static final Logger LOG = LoggerFactory.getLogger(Rejections.class);
  static final long LOG_INTERVAL_NANOS = 1_000_000_000L;

  private final MeterRegistry registry;
  private final String meterName;
  private final String what;
  private final LongSupplier nanoTime;
  private final Map<String, Reason> reasons = new ConcurrentHashMap<>();

  private final class Reason {
    final Counter counter;
    final AtomicLong lastLogged;
    final AtomicLong suppressed = new AtomicLong();

    Reason(String label) {
      counter = Counter.builder(meterName).description(what + " refused, by reason").tag("reason", label).register(registry);
      lastLogged = new AtomicLong(nanoTime.getAsLong() - LOG_INTERVAL_NANOS);
    }
  }

  /** The transport's rejections: {@code hearsay.transport.rejections}. */
  public Rejections(MeterRegistry registry, LongSupplier nanoTime) {
    this(registry, "hearsay.transport.rejections", "Connections and frames", nanoTime);
    for (RejectReason r : RejectReason.values()) {
      reason(r.label()); // registered up front, so dashboards see zeros rather than gaps
    }
  }

  public Rejections(MeterRegistry registry, String meterName, String what, LongSupplier nanoTime) {
    this.registry = registry;
    this.meterName = meterName;
    this.what = what;
    this.nanoTime = nanoTime;
  }

  private Reason reason(String label) {
    return reasons.computeIfAbsent(label, Reason::new);
  }

  /** Records a rejection; {@code peer} is null when the peer is not (yet) authenticated. */
  public void reject(RejectReason reason, NodeIdentity peer, Object remote, String detail) {
    reject(reason.label(), peer, remote, detail);
  }

  public void reject(String label, NodeIdentity peer, Object remote, String detail) {
    reject(label, peer, remote, () -> detail);
  }

  /**
   * As {@link #reject(String, NodeIdentity, Object, String)}, the detail built only when the line is
   * logged: a flooding peer's rejections come by the thousand, and formatting each one's detail cost
   * more than the rejection itself.
   */
  public void reject(String label, NodeIdentity peer, Object remote, Supplier<String> detail) {
    Reason r = reason(label);
    r.counter.increment();
    long now = nanoTime.getAsLong();
    long previous = r.lastLogged.get();
    if (now - previous >= LOG_INTERVAL_NANOS && r.lastLogged.compareAndSet(previous, now)) {
      long skipped = r.suppressed.getAndSet(0);
      LOG.warn(
          "rejected {} from {} ({}): {}{}",
          label,
          peer == null ? "unauthenticated peer" : peer.uri(),
          remote,
          detail.get(),
          skipped == 0 ? "" : " [" + skipped + " more not logged]");
    } else {
      r.suppressed.incrementAndGet();
    }
  }

  public double count(RejectReason reason) {
    return count(reason.label());
  }

  /** Rejections so far by reason, only the reasons seen at least once, sorted by reason. */
  public Map<String, Long> byReason() {
    Map<String, Long> out = new java.util.TreeMap<>();
    reasons.forEach((label, r) -> {
      long n = (long) r.counter.count();
      if (n > 0) {
        out.put(label, n);
      }
    });
    return out;
  }

  /** Every rejection so far, whatever the reason. */
  public double total() {
    double sum = 0;
    for (Reason r : reasons.values()) {
      sum += r.counter.count();
    }
    return sum;
  }

  public double count(String label) {
    Reason r = reasons.get(label);
    return r == null ? 0 : r.counter.count();
  }
}
