package dev.hearsay.overlay.revocation;

import dev.hearsay.registry.client.RegistryClient;
import dev.hearsay.registry.client.RegistryException;
import dev.hearsay.registry.client.RevocationPage;
import dev.hearsay.registry.log.ChainVerification;
import dev.hearsay.registry.log.LogPosition;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the node's verified log up with the registry: a catch-up from the node's position first,
 * then long-polls (each answer carries new entries or at least a fresher signed head), and a full
 * catch-up every reconcile interval and after anything went wrong. Failures back off, bounded and
 * jittered. One step at a time on its own thread; each step schedules the next.
 */
final class RegistryFollower {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryFollower.class);
  /** Failures logged at WARN: the first, then every this many, so an outage does not flood the log. */
  private static final int WARN_EVERY = 20;

  private final RegistryClient client;
  private final Supplier<LogPosition> position;
  private final Function<RevocationPage, ChainVerification> offer;
  private final RegistrySettings settings;
  private final Backoff backoff;
  private final ScheduledExecutorService executor;
  private final CompletableFuture<Void> firstAttempt = new CompletableFuture<>();
  private volatile boolean closed;
  private volatile String lastError;
  private int failures;
  private boolean catchUpNeeded = true;
  private long nextReconcile;

  RegistryFollower(
      RegistryClient client, Supplier<LogPosition> position, Function<RevocationPage, ChainVerification> offer,
      RegistrySettings settings, Backoff backoff, ScheduledExecutorService executor) {
    this.client = client;
    this.position = position;
    this.offer = offer;
    this.settings = settings;
    this.backoff = backoff;
    this.executor = executor;
  }

  /** Starts following; the future completes after the first catch-up attempt, successful or not. */
  CompletableFuture<Void> start() {
    executor.execute(this::step);
    return firstAttempt;
  }

  /** The last failure, or null when the last call succeeded. */
  String lastError() {
    return lastError;
  }

  private void step() {
    if (closed) {
      return;
    }
    Duration delay = Duration.ZERO;
    try {
      ChainVerification result = offer.apply(fetch());
      if (result.outcome() == ChainVerification.Outcome.REJECTED) {
        // The registry's own answer did not verify: something is badly wrong; read it all again, later.
        fail("the registry's answer did not verify: " + result);
        delay = backoff.after(failures);
      } else {
        if (failures > 0) {
          LOG.info("registry {} reachable again after {} failed calls", client.registry(), failures);
        }
        failures = 0;
        lastError = null;
        if (result.outcome() == ChainVerification.Outcome.IGNORED) {
          // An older or unchanged head answered at once; do not spin on it.
          delay = settings.minBackoff();
        }
      }
    } catch (RegistryException e) {
      if (closed || "interrupted".equals(e.error())) {
        return;
      }
      fail(e.getMessage());
      delay = backoff.after(failures);
    } catch (RuntimeException e) {
      fail(e.toString());
      delay = backoff.after(failures);
    } finally {
      firstAttempt.complete(null);
    }
    schedule(delay);
  }

  private RevocationPage fetch() throws RegistryException {
    long now = System.nanoTime();
    if (catchUpNeeded || now - nextReconcile >= 0) {
      catchUpNeeded = true;
      RevocationPage page = client.catchUp(position.get().sequence(), VerifiedLog.MAX_ENTRIES);
      catchUpNeeded = page.more();
      nextReconcile = System.nanoTime() + settings.reconcileInterval().toNanos();
      return page;
    }
    RevocationPage page = client.await(position.get().sequence(), settings.longPollWait());
    if (page.more()) {
      // One page of a longer run does not lead to its head; gather the rest before verifying.
      page = client.catchUp(position.get().sequence(), VerifiedLog.MAX_ENTRIES);
      catchUpNeeded = page.more();
    }
    return page;
  }

  private void fail(String message) {
    failures++;
    catchUpNeeded = true;
    lastError = message;
    if (failures == 1 || failures % WARN_EVERY == 0) {
      LOG.warn("registry {}: {} (failure {} in a row; retrying with backoff)", client.registry(), message, failures);
    } else {
      LOG.debug("registry {}: {}", client.registry(), message);
    }
  }

  private void schedule(Duration delay) {
    if (closed) {
      return;
    }
    try {
      executor.schedule(this::step, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // Shutting down.
    }
  }

  void close() {
    closed = true;
  }
}
