package dev.hearsay.bench.cluster;

import static dev.hearsay.bench.measure.BenchLog.log;

import dev.hearsay.bench.BenchPki;
import dev.hearsay.bench.measure.Deadline;
import dev.hearsay.bench.measure.Heap;
import dev.hearsay.bench.measure.ProcessStats;
import dev.hearsay.bench.measure.SocketBytes;
import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.overlay.core.Status;
import dev.hearsay.overlay.node.MembershipView;
import dev.hearsay.overlay.node.Node;
import dev.hearsay.overlay.node.NodeConfig;
import dev.hearsay.overlay.node.Profiles;
import dev.hearsay.overlay.transport.TransportConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * N real hearsay nodes in this JVM, each on a loopback address of its own (127.1.x.y): mutual TLS,
 * ECDSA P-256 certificates from a throw-away CA, signed claims, each node with its own Micrometer
 * registry.
 */
public final class HearsayCluster implements MeasuredCluster {

  /** How the nodes are configured and started. */
  public record Settings(int seeds, boolean staggered, long staggerMillis, String profile, long idleTimeoutSeconds,
      int maxFrameBytes) {
    /** The defaults an operator gets: LAN profile, default transport, one seed, all started at once. */
    public static Settings defaults() {
      return new Settings(1, false, 20, "lan", 0, 0);
    }
  }

  /**
   * Every node's tenant. One tenant: under the default policy tenants are isolated, so nodes of two
   * tenants could never all see each other (and a seed of one would not admit the other's joins).
   */
  static final String TENANT = "bench";

  private static final List<String> REJECTION_METERS = List.of("hearsay.claims.rejected", "hearsay.transport.rejections");

  private final BenchPki pki;
  private final Settings settings;
  private final String namePrefix;
  private final List<Node> nodes = new ArrayList<>();
  private final List<MeterRegistry> registries = new ArrayList<>();
  private final List<Boolean> crashed = new ArrayList<>();
  private List<Credentials> prepared;
  private SocketBytes socketBytes;
  private final Map<String, Integer> indexOf = new java.util.HashMap<>();

  public HearsayCluster(BenchPki pki, Settings settings, String namePrefix) {
    this.pki = pki;
    this.settings = settings;
    this.namePrefix = namePrefix;
  }

  /** Where this JVM's socket writes are counted, for {@link #socketBytes}; the caller starts and closes it. */
  public HearsayCluster measuredBy(SocketBytes bytes) {
    this.socketBytes = bytes;
    return this;
  }

  @Override
  public String label() {
    return "hearsay (mTLS + signed claims)";
  }

  @Override
  public String startMode() {
    return settings.staggered() ? "staggered " + settings.staggerMillis() + " ms" : "all at once";
  }

  /** Issues the certificates first (not timed by callers that time {@link #start}), then starts. */
  public List<Credentials> credentials(int n) {
    return credentials(0, n);
  }

  /** Certificates for nodes {@code from} to {@code from + count - 1} of a cluster (names and addresses by index). */
  public List<Credentials> credentials(int from, int count) {
    List<Credentials> list = new ArrayList<>(count);
    for (int i = from; i < from + count; i++) {
      Credentials c = pki.node(TENANT, namePrefix + "-" + i);
      indexOf.put(c.identity().uri(), i);
      list.add(c);
    }
    return list;
  }

  /**
   * Node {@code i}'s own loopback address, 127.1.x.y (all of 127.0.0.0/8 is loopback on Linux): a node
   * dials from the address it listens on, so each node's per-address limits (connection attempts,
   * failed handshakes) at the others are its own, as on separate hosts, rather than one 127.0.0.1
   * shared by hundreds of nodes that a few slow handshakes during a cold start would get banned.
   */
  static String loopbackOf(int i) {
    return "127.1." + (i / 250) + "." + (i % 250 + 1);
  }

  @Override
  public void prepare(int n) {
    prepared = credentials(n);
  }

  @Override
  public void start(int n, Deadline deadline) throws Exception {
    start(prepared != null && prepared.size() == n ? prepared : credentials(n), deadline);
  }

  /** Starts the seeds (each seeded with the seeds before it), then the rest, seeded with all seeds. */
  public void start(List<Credentials> creds, Deadline deadline) throws Exception {
    startSeeded(creds, new ArrayList<>(), deadline);
  }

  /**
   * Starts nodes seeded with {@code seedAddresses}; while it holds fewer than {@link Settings#seeds()}
   * addresses, each node started is seeded with those before it and then added as a seed. Nodes of a
   * cluster spread over several processes start in slices: the first slice makes the seeds.
   */
  public void startSeeded(List<Credentials> creds, List<String> seedAddresses, Deadline deadline) throws Exception {
    for (int i = 0; i < creds.size(); i++) {
      if (deadline.expired()) {
        log("starting took too long; gave up after %d of %d nodes", i, creds.size());
        break;
      }
      if (i > 0 && i % 50 == 0) {
        log("  %d of %d nodes started", i, creds.size());
      }
      MeterRegistry registry = new SimpleMeterRegistry();
      boolean seed = seedAddresses.size() < settings.seeds();
      Node node = Node.start(config(creds.get(i), List.copyOf(seedAddresses)), registry, RevocationCheck.NONE);
      nodes.add(node);
      registries.add(registry);
      crashed.add(false);
      if (seed) {
        seedAddresses.add(node.address());
      }
      if (settings.staggered() && settings.staggerMillis() > 0) {
        Thread.sleep(settings.staggerMillis());
      }
    }
  }

  private NodeConfig config(Credentials c, List<String> seeds) {
    TransportConfig t = TransportConfig.defaults();
    if (settings.idleTimeoutSeconds() > 0 || settings.maxFrameBytes() > 0) {
      t = new TransportConfig(
          settings.maxFrameBytes() > 0 ? settings.maxFrameBytes() : t.maxFrameBytes(),
          t.maxConnectionsPerPeer(),
          settings.idleTimeoutSeconds() > 0 ? Duration.ofSeconds(settings.idleTimeoutSeconds()) : t.idleTimeout(),
          t.connectTimeout(), t.handshakeTimeout(), t.writeLowWaterMark(), t.writeHighWaterMark());
    }
    return new NodeConfig(c, new InetSocketAddress(loopbackOf(indexOf.getOrDefault(c.identity().uri(), 0)), 0), null, seeds,
        Profiles.named(settings.profile()), t, null, Map.of());
  }

  @Override
  public int started() {
    return nodes.size();
  }

  public List<Node> nodes() {
    return nodes;
  }

  public List<MeterRegistry> registries() {
    return registries;
  }

  @Override
  public int[] aliveCounts() {
    int[] alive = new int[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      if (crashed.get(i)) {
        continue;
      }
      int count = 0;
      for (MembershipView.Member m : nodes.get(i).view().members()) {
        if (m.status() == Status.ALIVE) {
          count++;
        }
      }
      alive[i] = count;
    }
    return alive;
  }

  /** Whether node {@code index} was started and not crashed. */
  public boolean running(int index) {
    return index < nodes.size() && !crashed.get(index);
  }

  @Override
  public void crash(int index) {
    // close() stops the node's sockets and timers without sending a LEAVE.
    crashed.set(index, true);
    nodes.get(index).close();
  }

  @Override
  public int markedDead(int index) {
    return countOthers(index, s -> s == Status.DEAD);
  }

  /** How many other running nodes show node {@code index} SUSPECT or DEAD. */
  @Override
  public int markedSuspectOrDead(int index) {
    return countOthers(index, s -> s == Status.SUSPECT || s == Status.DEAD);
  }

  private int countOthers(int index, java.util.function.Predicate<Status> test) {
    String uri = nodes.get(index).identity().uri();
    int count = 0;
    for (int i = 0; i < nodes.size(); i++) {
      if (i != index && !crashed.get(i) && test.test(nodes.get(i).view().statusOf(uri))) {
        count++;
      }
    }
    return count;
  }

  /** Measured: 2,617 at N = 50, 19,901 at N = 140; one pooled connection per pair of nodes, two ends each. */
  @Override
  public long descriptorsNeeded(int n) {
    return (long) n * (n - 1);
  }

  @Override
  public Duration detectionBound(int n) {
    return Duration.ofNanos(Profiles.detectionBound(Profiles.named(settings.profile()), n)).plusSeconds(30);
  }

  @Override
  public Map<String, String> facts() {
    Map<String, String> facts = new LinkedHashMap<>();
    Double hit = verifyCacheHitRatio();
    facts.put("verify-cache hit ratio (median node)", hit == null ? "–" : String.format(Locale.ROOT, "%.3f", hit));
    facts.put("rejected claims and frames (all nodes)", Long.toString(rejections()));
    return facts;
  }

  @Override
  public String name(int index) {
    return nodes.get(index).identity().name();
  }

  /** Each node's verify-cache hit ratio (cumulative since its start), where it reports one. */
  public double[] verifyCacheHitRatios() {
    return registries.stream()
        .map(r -> r.find("hearsay.verify.cache.hit.ratio").gauge())
        .filter(g -> g != null)
        .mapToDouble(Gauge::value)
        .filter(v -> !Double.isNaN(v))
        .toArray();
  }

  // This JVM holds every node: its figures are the cluster's.

  @Override
  public long cpuNanos() {
    return ProcessStats.cpuNanos();
  }

  @Override
  public SocketBytes.Window socketBytes(Instant from, Instant to) throws InterruptedException {
    if (socketBytes == null) {
      throw new IllegalStateException("no socket byte counter: call measuredBy first");
    }
    return socketBytes.between(from, to);
  }

  @Override
  public long heapAfterGc() throws InterruptedException {
    return Heap.usedAfterGc();
  }

  @Override
  public int threads() {
    return ProcessStats.threads();
  }

  @Override
  public long openFds() {
    return ProcessStats.openFds();
  }

  /** Median over nodes of each node's verify-cache hit ratio (cumulative since its start); null if none. */
  @Override
  public Double verifyCacheHitRatio() {
    return median(verifyCacheHitRatios());
  }

  /** The median of {@code values} (the upper one of an even count); null for none. */
  static Double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted.length == 0 ? null : sorted[sorted.length / 2];
  }

  /** Rejections by meter and reason over all nodes, for the log. */
  @Override
  public Map<String, Double> rejectionsByReason() {
    Map<String, Double> by = new LinkedHashMap<>();
    for (MeterRegistry r : registries) {
      for (String name : REJECTION_METERS) {
        for (Counter c : r.find(name).counters()) {
          if (c.count() > 0) {
            by.merge(name + "{" + c.getId().getTag("reason") + "}", c.count(), Double::sum);
          }
        }
      }
    }
    return by;
  }

  @Override
  public void logStragglers(int n) {
    for (int i = 0; i < nodes.size(); i++) {
      if (!running(i)) {
        continue;
      }
      Node node = nodes.get(i);
      List<MembershipView.Member> members = node.view().members();
      long alive = members.stream().filter(m -> m.status() == Status.ALIVE).count();
      if (alive == n) {
        continue;
      }
      List<String> notAlive = members.stream().filter(m -> m.status() != Status.ALIVE)
          .map(m -> m.name() + "=" + m.status()).toList();
      log("    %s sees %d ALIVE of %d, knows %d; not ALIVE: %s", node.identity().name(), alive, n, members.size(),
          notAlive.size() > 5 ? notAlive.subList(0, 5) + " and " + (notAlive.size() - 5) + " more" : notAlive);
    }
  }

  /** Closes the nodes eight at a time (closing waits on each node's event loop), within 60 s. */
  @Override
  public void close() {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < nodes.size(); i++) {
        if (!crashed.get(i)) {
          done.add(pool.submit(nodes.get(i)::close));
        }
      }
      Deadline deadline = Deadline.in(Duration.ofSeconds(60));
      for (Future<?> f : done) {
        try {
          f.get(Math.max(1, deadline.remaining().toNanos()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
          log("closing a node: %s", e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    } finally {
      pool.shutdownNow();
      nodes.clear();
      registries.clear();
      crashed.clear();
    }
  }
}
