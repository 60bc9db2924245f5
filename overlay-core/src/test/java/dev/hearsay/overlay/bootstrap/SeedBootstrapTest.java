package dev.hearsay.overlay.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.registry.api.SeedAddress;
import dev.hearsay.registry.client.RegistryException;
import dev.hearsay.registry.client.Seed;
import dev.hearsay.registry.client.SeedList;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bootstrap against a scripted seed list: it joins through listed addresses (never its own, never
 * a malformed entry) while alone, asks again while alone, reports how it joined, then syncs only with
 * members it has never heard of, and keeps going through failed reads.
 */
class SeedBootstrapTest {
  private static final long WAIT_SECONDS = 10;
  private static final NodeIdentity SELF = NodeIdentity.node("example.org", "blue", "self");
  private static final SeedSettings QUICK = new SeedSettings(true, 3, Duration.ofSeconds(1), Duration.ofSeconds(30),
      Duration.ofMillis(10), Duration.ofMillis(50), Duration.ZERO, Duration.ofMillis(10), Duration.ofMillis(50));

  private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private final AtomicReference<CompletableFuture<SeedList>> answer = new AtomicReference<>();
  private final FakeMembership membership = new FakeMembership();
  /** One token per read of the list. */
  private final BlockingQueue<Boolean> reads = new LinkedBlockingQueue<>();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  /** A node's view, as far as the bootstrap sees it; joins are recorded, one list of addresses per round. */
  static final class FakeMembership implements NodeMembership {
    volatile boolean live;
    final Set<NodeIdentity> known = ConcurrentHashMap.newKeySet();
    /** Listed nodes of a tenant this node may not see (and which do not see every tenant). */
    final Set<NodeIdentity> foreign = ConcurrentHashMap.newKeySet();
    final BlockingQueue<List<String>> joins = new LinkedBlockingQueue<>();

    @Override
    public boolean hasLiveMember() {
      return live;
    }

    @Override
    public boolean knows(NodeIdentity member) {
      return known.contains(member);
    }

    @Override
    public boolean canIntroduce(NodeIdentity listed) {
      return !foreign.contains(listed);
    }

    @Override
    public void joinThrough(List<String> addresses) {
      joins.add(addresses);
    }
  }

  private SeedBootstrap started() {
    SeedBootstrap b = new SeedBootstrap(() -> {
      reads.add(true);
      return answer.get();
    }, membership, new SeedSelection(SELF, SeedAddress.parse("10.0.0.1:7000")), false,
        URI.create("https://127.0.0.1:9443"), QUICK, Clock.systemUTC(), new Delays(new SplittableRandom(3)),
        new SplittableRandom(4), new SeedTasks(executor), new SeedCounters(metrics));
    b.start();
    return b;
  }

  private List<String> nextJoin() throws InterruptedException {
    List<String> j = membership.joins.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertNotNull(j, "no join within " + WAIT_SECONDS + " s");
    return j;
  }

  private double count(String name) {
    return metrics.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  @Test
  void joinsThroughListedAddressesOnlyAndKeepsAskingWhileAlone() throws Exception {
    answer.set(CompletableFuture.completedFuture(new SeedList(List.of(
        new Seed(SELF, SeedAddress.parse("10.0.0.9:7000"), Instant.EPOCH),
        SeedSelectionTest.seed("impostor", "10.0.0.1:7000"),
        SeedSelectionTest.seed("n2", "10.0.0.2:7000")), 2, List.of("'x': bad", "'y': bad"))));
    SeedBootstrap bootstrap = started();
    assertEquals(List.of("10.0.0.2:7000"), nextJoin());
    assertEquals(List.of("10.0.0.2:7000"), nextJoin(), "still alone: it asks again");
    assertTrue(count("hearsay.seeds.malformed") >= 2);
    assertEquals("alone", bootstrap.health().get("state"));

    membership.live = true;
    Map<String, Object> health = bootstrap.health();
    assertEquals("joined", health.get("state"));
    assertEquals("registry", health.get("source"));
    assertEquals(List.of("10.0.0.2:7000"), health.get("through"));
    assertNotNull(health.get("joined_at"));
  }

  @Test
  void onceJoinedItSyncsOnlyWithListedMembersItHasNeverHeardOf() throws Exception {
    Seed n2 = SeedSelectionTest.seed("n2", "10.0.0.2:7000");
    Seed n3 = SeedSelectionTest.seed("n3", "10.0.0.3:7000");
    membership.live = true;
    membership.known.add(n2.identity());
    answer.set(CompletableFuture.completedFuture(new SeedList(List.of(n2, n3), 0, List.of())));
    SeedBootstrap bootstrap = started();
    assertEquals(List.of("10.0.0.3:7000"), nextJoin());
    assertEquals("peer", bootstrap.health().get("source"), "joined before it asked: someone joined through it");
  }

  @Test
  void aListedNodeThatCouldIntroduceItToNobodyIsNeverJoinedThrough() throws Exception {
    Seed foreign = SeedSelectionTest.seed("other-tenant", "10.0.0.4:7000");
    Seed n2 = SeedSelectionTest.seed("n2", "10.0.0.2:7000");
    membership.foreign.add(foreign.identity());
    answer.set(CompletableFuture.completedFuture(new SeedList(List.of(foreign, n2), 0, List.of())));
    started();
    for (int round = 0; round < 3; round++) {
      assertEquals(List.of("10.0.0.2:7000"), nextJoin(), "joined through a node of an isolated tenant");
    }
  }

  @Test
  void aFailedReadIsReportedAndRetried() throws Exception {
    answer.set(CompletableFuture.failedFuture(new RegistryException(0, "connection_failed", "refused")));
    SeedBootstrap bootstrap = started();
    for (int read = 1; read <= 2; read++) {
      assertNotNull(reads.poll(WAIT_SECONDS, TimeUnit.SECONDS), "read " + read + " of the list, the second after the first failed");
    }
    assertNotNull(bootstrap.health().get("last_error"));

    answer.set(CompletableFuture.completedFuture(new SeedList(List.of(SeedSelectionTest.seed("n2", "10.0.0.2:7000")), 0, List.of())));
    assertEquals(List.of("10.0.0.2:7000"), nextJoin());
    assertNull(bootstrap.health().get("last_error"));
  }
}
