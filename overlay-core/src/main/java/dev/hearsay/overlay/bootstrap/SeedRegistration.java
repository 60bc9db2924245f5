package dev.hearsay.overlay.bootstrap;

import dev.hearsay.registry.api.SeedAddress;
import dev.hearsay.registry.client.RegistryException;
import dev.hearsay.registry.client.Seed;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's address in the registry's seed list: registers at start, renews at a third of
 * what the registration has left (within the settings' bounds, jittered), retries failures with
 * growing jittered waits, and stops on {@link #stop()}, after which the entry lapses at the registry.
 * One call at a time; each answer schedules the next call.
 */
final class SeedRegistration {
  private static final Logger LOG = LoggerFactory.getLogger(SeedRegistration.class);

  private final Function<SeedAddress, CompletableFuture<Seed>> register;
  private final SeedAddress address;
  private final URI registry;
  private final SeedSettings settings;
  private final Clock clock;
  private final Delays delays;
  private final SeedTasks tasks;
  private final SeedCounters counters;
  private volatile boolean stopped;
  private volatile Instant lastRenewal;
  private volatile Instant expires;
  private volatile String lastError;
  private volatile int failures;
  private boolean clockWarned;

  SeedRegistration(
      Function<SeedAddress, CompletableFuture<Seed>> register, SeedAddress address, URI registry, SeedSettings settings,
      Clock clock, Delays delays, SeedTasks tasks, SeedCounters counters) {
    this.register = register;
    this.address = address;
    this.registry = registry;
    this.settings = settings;
    this.clock = clock;
    this.delays = delays;
    this.tasks = tasks;
    this.counters = counters;
  }

  void start() {
    tasks.now(this::attempt);
  }

  /** No more renewals; the registry forgets the address when its TTL runs out. */
  void stop() {
    stopped = true;
  }

  private void attempt() {
    if (!stopped) {
      tasks.whenDone(() -> register.apply(address), this::answered);
    }
  }

  private void answered(Seed seed, Throwable failure) {
    if (stopped) {
      return;
    }
    if (failure == null) {
      renewed(seed);
    } else {
      failed(failure);
    }
  }

  private void renewed(Seed seed) {
    counters.registered.increment();
    if (lastRenewal == null || failures > 0) {
      LOG.info("registered {} as a seed at {}{}; renewing before {}", address, registry,
          failures == 0 ? "" : " after " + failures + " failed attempts", seed.expires());
    }
    failures = 0;
    lastError = null;
    lastRenewal = clock.instant();
    expires = seed.expires();
    tasks.after(renewDelay(seed.expires()), this::attempt);
  }

  /** A third of what is left, so two renewals can fail before the entry lapses; bounded both ways. */
  Duration renewDelay(Instant expiresAt) {
    Duration left = Duration.between(clock.instant(), expiresAt);
    if (!left.isNegative() && !left.isZero()) {
      clockWarned = false;
    } else if (!clockWarned) {
      clockWarned = true;
      LOG.warn("the registry says the seed registration of {} lapses at {}, which this node's clock has passed already;"
          + " do the clocks of node and registry differ? renewing every {}", address, expiresAt, settings.minRenewInterval());
    }
    Duration nominal = left.dividedBy(3);
    if (nominal.compareTo(settings.minRenewInterval()) < 0) {
      nominal = settings.minRenewInterval();
    } else if (nominal.compareTo(settings.maxRenewInterval()) > 0) {
      nominal = settings.maxRenewInterval();
    }
    return delays.jittered(nominal);
  }

  private void failed(Throwable failure) {
    int inARow = ++failures;
    counters.registrationFailed.increment();
    lastError = SeedTasks.describe(failure);
    Duration wait = retryDelay(failure, inARow);
    if (SeedTasks.worthWarning(inARow)) {
      LOG.warn("could not register {} as a seed at {}: {} (failure {} in a row; trying again in {} ms)",
          address, registry, lastError, inARow, wait.toMillis());
    } else {
      LOG.debug("could not register {} as a seed at {}: {}", address, registry, lastError);
    }
    tasks.after(wait, this::attempt);
  }

  /** Growing with the failures in a row; the longest at once after a refusal (bad address, not a node), which asking again soon will not change. */
  Duration retryDelay(Throwable failure, int inARow) {
    boolean refused = failure instanceof RegistryException r && r.status() >= 400 && r.status() < 500 && r.status() != 429;
    return refused ? delays.jittered(settings.maxBackoff()) : delays.growing(inARow, settings.minBackoff(), settings.maxBackoff());
  }

  /** For the node's {@code /health}. */
  Map<String, Object> health() {
    Instant until = expires;
    Instant last = lastRenewal;
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("enabled", true);
    h.put("address", address.toString());
    h.put("registered", !stopped && until != null && clock.instant().isBefore(until));
    h.put("renewing", !stopped);
    h.put("last_renewal", last == null ? null : last.toString());
    h.put("expires", until == null ? null : until.toString());
    h.put("failures_in_a_row", failures);
    h.put("last_error", lastError);
    return h;
  }
}
