package dev.hearsay.overlay.guard;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.core.Status;
import dev.hearsay.overlay.node.Node;
import dev.hearsay.overlay.node.NodeConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Three honest nodes over loopback mTLS (T, the flooders' target, and B and C joined through it),
 * with what the flood tests measure: whether any honest node is ever seen DEAD (sampled every
 * 20 ms), the CPU time of the honest nodes' event loops, and the time a fresh claim (a new node's
 * ALIVE, joining through T) takes to reach every honest node.
 */
final class FloodCluster implements AutoCloseable {
  static final Duration CONVERGE = Duration.ofSeconds(20);
  /**
   * How long the nodes keep a departed member (10 minutes by default): every sample leaves one, and
   * at three samples a second a round's 770 departures made each join answer ten frames, which one
   * joiner took 1.2 s to take in, answering no probe meanwhile, so it was suspected and declared
   * DEAD. A minute keeps the view at about 200 departures, steady through a round.
   */
  static final Duration TOMBSTONE_TTL = Duration.ofSeconds(60);
  private static final Duration LEAVE_LINGER = Duration.ofMillis(500);

  final TestPki pki = new TestPki();
  final Node t;
  final Node b;
  final Node c;
  final Map<Node, MeterRegistry> registries = new ConcurrentHashMap<>();
  private final List<Node> honest = new ArrayList<>();
  /** The event-loop threads of T, B and C, by node name (all of a node's work runs on them). */
  private final Map<String, Set<Long>> honestLoopThreads = new java.util.TreeMap<>();
  private final Set<String> everDead = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread th = new Thread(r, "flood-dead-sampler");
    th.setDaemon(true);
    return th;
  });
  private int fresh;
  /** Fresh nodes lingering after their leave, one thread each at most a few at a time (bounded by the linger). */
  private final java.util.concurrent.ExecutorService lingering = Executors.newCachedThreadPool(r -> {
    Thread th = new Thread(r, "flood-fresh-leave");
    th.setDaemon(true);
    return th;
  });
  private final List<CompletableFuture<Void>> leaving = new ArrayList<>();
  /** Of the last {@link #disseminateFreshClaim}: how long until T listed the new node (its join done). */
  private Duration lastJoinAtT = Duration.ZERO;

  FloodCluster() throws Exception {
    t = start(pki.node("blue", "t"), List.of(), true);
    b = start(pki.node("blue", "b"), List.of(t.address()), true);
    c = start(pki.node("blue", "c"), List.of(t.address()), true);
    await(CONVERGE, "the honest nodes to see each other ALIVE", () -> allSee(List.of(t, b, c), List.of(t, b, c)));
    sampler.scheduleAtFixedRate(this::sampleDead, 0, 20, TimeUnit.MILLISECONDS);
  }

  private Node start(Credentials who, List<String> seeds, boolean measured) throws Exception {
    Set<Long> before = loopThreads();
    MeterRegistry registry = new SimpleMeterRegistry();
    NodeConfig loopback = NodeConfig.loopback(who, seeds);
    NodeConfig config = new NodeConfig(who, loopback.bind(), null, seeds, loopback.membership().withTombstoneTtl(TOMBSTONE_TTL.toNanos()),
        loopback.transport(), null, Map.of());
    Node n = Node.start(config, registry, RevocationCheck.NONE);
    registries.put(n, registry);
    honest.add(n);
    if (measured) {
      Set<Long> created = loopThreads();
      created.removeAll(before);
      honestLoopThreads.put(n.identity().name(), created);
    }
    return n;
  }

  private static Set<Long> loopThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(th -> th.getName().startsWith("nioEventLoopGroup"))
        .map(Thread::getId)
        .collect(Collectors.toCollection(HashSet::new));
  }

  private void sampleDead() {
    for (Node observer : List.copyOf(honest)) {
      for (Node subject : List.copyOf(honest)) {
        if (observer.view().statusOf(subject.identity().uri()) == Status.DEAD) {
          everDead.add(observer.identity().name() + " saw " + subject.identity().name() + " DEAD");
        }
      }
    }
  }

  /** Every time an honest node saw another honest node DEAD (closed nodes aside: none are closed). */
  Set<String> honestDeaths() {
    sampleDead();
    return Set.copyOf(everDead);
  }

  private static boolean allSee(List<Node> observers, List<Node> subjects) {
    return observers.stream().allMatch(o -> subjects.stream().allMatch(s -> o.view().statusOf(s.identity().uri()) == Status.ALIVE));
  }

  /** Starts a fresh honest node joining through T; returns how long until every honest node lists it ALIVE. */
  Duration disseminateFreshClaim() throws Exception {
    return disseminateFreshClaim(false);
  }

  /**
   * As {@link #disseminateFreshClaim()}; with {@code leave}, the fresh node then leaves gracefully
   * (so repeated measurements do not grow the cluster, and nobody has reason to declare it DEAD), and
   * this returns once T, B and C hold it LEFT: a next sample then starts with the same members ALIVE
   * (a departed node still held ALIVE would take a share of every gossip round's fanout). The node's
   * linger after its leave runs in the background, so samples can follow each other closely.
   */
  Duration disseminateFreshClaim(boolean leave) throws Exception {
    long start = System.nanoTime();
    Node n = start(pki.node("blue", "fresh" + (fresh++)), List.of(t.address()), false);
    List<Node> observers = List.of(t, b, c, n);
    // T lists it once the join went through; the rest is gossip from T (and the new node) to B and C.
    await(CONVERGE, "T to list " + n.identity().name(), () -> allSee(List.of(t), List.of(n)));
    lastJoinAtT = Duration.ofNanos(System.nanoTime() - start);
    await(CONVERGE, "every honest node to list " + n.identity().name(), () -> allSee(observers, List.of(n)));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    if (leave) {
      honest.remove(n);
      leaving.add(CompletableFuture.runAsync(() -> {
        try {
          n.leave(LEAVE_LINGER);
        } catch (Exception e) {
          throw new IllegalStateException(n.identity().name() + " could not leave", e);
        }
      }, lingering));
      leaving.removeIf(f -> f.isDone() && !f.isCompletedExceptionally()); // a failed leave stays, for close() to report
      await(CONVERGE, "T, B and C to hold " + n.identity().name() + " LEFT",
          () -> Stream.of(t, b, c).allMatch(o -> o.view().statusOf(n.identity().uri()) == Status.LEFT));
    }
    return took;
  }

  Duration lastJoinAtT() {
    return lastJoinAtT;
  }

  /** CPU time so far of T's, B's and C's event loops (everything they do runs there). */
  long honestCpuNanos() {
    return honestCpuNanosByNode().values().stream().mapToLong(Long::longValue).sum();
  }

  /** As {@link #honestCpuNanos()}, for T, B and C apart. */
  Map<String, Long> honestCpuNanosByNode() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<String, Long> out = new java.util.TreeMap<>();
    honestLoopThreads.forEach((node, threads) -> out.put(node, threads.stream().mapToLong(id -> Math.max(0, mx.getThreadCpuTime(id))).sum()));
    return out;
  }


  double guardActions(Node n, String reason) {
    Counter counter = registries.get(n).find("hearsay.guard.actions").tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  /** {@code n}'s counter {@code name} (a plain or a function counter), summed over its tags; 0 if it has none. */
  double count(Node n, String name) {
    MeterRegistry r = registries.get(n);
    return r.find(name).counters().stream().mapToDouble(Counter::count).sum()
        + r.find(name).functionCounters().stream().mapToDouble(io.micrometer.core.instrument.FunctionCounter::count).sum();
  }

  /** Every counter of {@code n} by name and tags, for what changed during a phase. */
  Map<String, Double> counters(Node n) {
    Map<String, Double> out = new java.util.TreeMap<>();
    for (Counter c : registries.get(n).getMeters().stream().filter(Counter.class::isInstance).map(Counter.class::cast).toList()) {
      out.put(c.getId().getName() + c.getId().getTags(), c.count());
    }
    return out;
  }

  /**
   * The guard actions of B, C and the fresh nodes (summed), by reason: who of the honest side turns
   * whose traffic away. Keys are {@code b:reason}, {@code c:reason} and {@code fresh:reason}.
   */
  Map<String, Double> honestGuardActions() {
    Map<String, Double> out = new java.util.TreeMap<>();
    registries.forEach((n, r) -> {
      String who = n == b ? "b" : n == c ? "c" : n == t ? null : "fresh";
      if (who != null) {
        for (Counter counter : r.find("hearsay.guard.actions").counters()) {
          out.merge(who + ":" + counter.getId().getTag("reason"), counter.count(), Double::sum);
        }
      }
    });
    return out;
  }

  double allGuardActions(Node n) {
    return registries.get(n).find("hearsay.guard.actions").counters().stream().mapToDouble(Counter::count).sum();
  }

  /**
   * Runs {@code kind} from {@code flooder} in a JVM of its own pinned to core 1, against T with B as
   * the victim, and waits for its report (see {@link FlooderProcess#run}).
   */
  Flooder.Report floodFromCoreOne(Credentials flooder, String kind, Duration length) {
    try {
      return FlooderProcess.run(flooder, TestPki.DOMAIN, t.address(), t.identity().uri(), b.identity().uri(), kind, length, 1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  InetSocketAddress tAddress() {
    String a = t.address();
    int colon = a.lastIndexOf(':');
    return new InetSocketAddress(a.substring(0, colon), Integer.parseInt(a.substring(colon + 1)));
  }

  /** T's view of everyone but the fresh nodes: name=STATUS@incarnation. */
  String viewAtT() {
    return t.view().members().stream().filter(m -> !m.name().startsWith("fresh"))
        .map(m -> m.name() + "=" + m.status() + "@" + m.incarnation()).sorted().collect(Collectors.joining(", "));
  }

  /** How T, B and C hold the fresh nodes, by status: departed ones still held ALIVE cost probes and fanout. */
  String freshNodesHeld() {
    return Stream.of(t, b, c).map(n -> n.identity().name() + " " + new java.util.TreeMap<>(n.view().members().stream()
            .filter(m -> m.name().startsWith("fresh"))
            .collect(Collectors.groupingBy(m -> m.status().name(), Collectors.counting()))))
        .collect(Collectors.joining(", "));
  }

  String state() {
    return honest.stream()
        .map(n -> n.identity().name() + ": " + n.view().members().stream()
            .map(m -> m.name() + "=" + m.status()).collect(Collectors.joining(", ")))
        .collect(Collectors.joining("\n"));
  }

  void await(Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; state:\n" + state());
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  // ---- the three floods ----------------------------------------------------------------------

  LongFunction<Message> validFrames() {
    return Floods.validFrames(t.identity().uri());
  }

  static LongFunction<Message> invalidSignatures(Credentials flooder) {
    return Floods.invalidSignatures(flooder);
  }

  LongFunction<Message> accusations(Credentials flooder) {
    return Floods.accusations(flooder, b.identity().uri());
  }

  @Override
  public void close() {
    sampler.shutdownNow();
    try {
      // Every fresh node closes itself after its linger; wait for them, so none outlives the cluster.
      CompletableFuture.allOf(leaving.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();
    } finally {
      lingering.shutdownNow();
      for (int i = honest.size() - 1; i >= 0; i--) {
        honest.get(i).close();
      }
    }
  }
}
