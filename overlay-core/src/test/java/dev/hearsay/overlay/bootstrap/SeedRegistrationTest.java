package dev.hearsay.overlay.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.MutableClock;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.registry.api.SeedAddress;
import dev.hearsay.registry.client.RegistryException;
import dev.hearsay.registry.client.Seed;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Registration: retried after failures, then renewed at a third of the TTL left, within bounds and never late. */
class SeedRegistrationTest {
  private static final NodeIdentity SELF = NodeIdentity.node("example.org", "blue", "self");
  private static final SeedAddress ADDRESS = SeedAddress.parse("10.0.0.1:7000");
  private static final SeedSettings QUICK = SeedSettings.DEFAULTS.withBackoff(Duration.ofMillis(10), Duration.ofMillis(40));

  private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private final MutableClock clock = MutableClock.startingNow();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private SeedRegistration registration(java.util.function.Function<SeedAddress, CompletableFuture<Seed>> register) {
    return new SeedRegistration(register, ADDRESS, URI.create("https://127.0.0.1:9443"), QUICK, clock,
        new Delays(new SplittableRandom(5)), new SeedTasks(executor), new SeedCounters(metrics));
  }

  @Test
  void failuresAreRetriedCountedAndReportedUntilTheRegistryAnswers() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    BlockingQueue<Integer> attempts = new LinkedBlockingQueue<>();
    SeedRegistration r = registration(address -> {
      int call = calls.incrementAndGet();
      attempts.add(call);
      return call <= 2
          ? CompletableFuture.failedFuture(new RegistryException(0, "connection_failed", "refused"))
          : CompletableFuture.completedFuture(new Seed(SELF, address, clock.instant().plusSeconds(90)));
    });
    r.start();
    for (int i = 1; i <= 3; i++) {
      assertEquals(i, attempts.poll(10, TimeUnit.SECONDS), "attempt " + i);
    }
    // The third call succeeded; its answer is handed to the seed thread a moment after the call
    // returned, so health is watched until it says so (a no-op queued behind it could run first).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Boolean.TRUE.equals(r.health().get("registered")) && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    assertEquals(true, r.health().get("registered"), r.health()::toString);
    assertNull(r.health().get("last_error"));
    assertEquals(2.0, metrics.get("hearsay.seeds.registrations").tag("outcome", "failed").counter().count());
    assertEquals(1.0, metrics.get("hearsay.seeds.registrations").tag("outcome", "ok").counter().count());

    r.stop();
    assertEquals(false, r.health().get("renewing"));
    assertEquals(false, r.health().get("registered"), "a node that stopped renewing is on its way out of the list");
  }

  @Test
  void renewsAtAThirdOfWhatIsLeftWithinTheBoundsAndNeverLate() {
    SeedRegistration r = registration(address -> new CompletableFuture<>());
    for (int i = 0; i < 50; i++) {
      Duration ttl3s = r.renewDelay(clock.instant().plusSeconds(3));
      assertTrue(ttl3s.compareTo(Duration.ofMillis(750)) >= 0 && ttl3s.compareTo(Duration.ofSeconds(1)) <= 0, ttl3s::toString);
      Duration ttl90s = r.renewDelay(clock.instant().plusSeconds(90));
      assertTrue(ttl90s.compareTo(Duration.ofMillis(22_500)) >= 0 && ttl90s.compareTo(Duration.ofSeconds(30)) <= 0, ttl90s::toString);
      // A long TTL (or a node clock far behind the registry's) is capped, so renewals still come in time.
      assertTrue(r.renewDelay(clock.instant().plus(Duration.ofDays(1))).compareTo(QUICK.maxRenewInterval()) <= 0);
      // An expiry this node's clock has passed already: renew at the shortest interval.
      assertTrue(r.renewDelay(clock.instant().minusSeconds(5)).compareTo(QUICK.minRenewInterval()) <= 0);
    }
  }

  @Test
  void aRefusalWaitsTheLongestWhileAnOutageBacksOffFromTheShortest() {
    SeedRegistration r = registration(address -> new CompletableFuture<>());
    RegistryException forbidden = new RegistryException(403, "forbidden", "not a node");
    RegistryException busy = new RegistryException(429, "rate_limited", "slow down");
    RegistryException down = new RegistryException(0, "connection_failed", "refused");
    Duration longest = QUICK.maxBackoff();
    assertTrue(r.retryDelay(forbidden, 1).compareTo(longest.multipliedBy(3).dividedBy(4)) >= 0);
    assertTrue(r.retryDelay(busy, 1).compareTo(QUICK.minBackoff()) <= 0);
    assertTrue(r.retryDelay(down, 1).compareTo(QUICK.minBackoff()) <= 0);
    assertTrue(r.retryDelay(down, 10).compareTo(longest.multipliedBy(3).dividedBy(4)) >= 0);
    assertNotNull(r.health().get("address"));
  }
}
