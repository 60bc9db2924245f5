package dev.hearsay.bench.cluster;

import static dev.hearsay.bench.measure.BenchLog.log;

import dev.hearsay.bench.BenchPki;
import dev.hearsay.bench.measure.Deadline;
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
 * N real hearsay nodes in this JVM on 127.0.0.1: mutual TLS, ECDSA P-256 certificates from a
 * throw-away CA, signed claims, each node with its own Micrometer registry.
 */
public final class HearsayCluster implements MemberCluster {

  /** How the nodes are configured and started. */
  public record Settings(int seeds, boolean staggered, long staggerMillis, String profile, long idleTimeoutSeconds,
      int maxFrameBytes) {
    /** The defaults an operator gets: LAN profile, default transport, one seed, all started at once. */
    public static Settings defaults() {
      return new Settings(1, false, 20, "lan", 0, 0);
    }
  }

  private static final List<String> REJECTION_METERS = List.of("hearsay.claims.rejected", "hearsay.transport.rejections");

  private final BenchPki pki;
  private final Settings settings;
  private final String namePrefix;
  private final List<Node> nodes = new ArrayList<>();
  private final List<MeterRegistry> registries = new ArrayList<>();
  private final List<Boolean> crashed = new ArrayList<>();
  private List<Credentials> prepared;

  public HearsayCluster(BenchPki pki, Settings settings, String namePrefix) {
    this.pki = pki;
    this.settings = settings;
    this.namePrefix = namePrefix;
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
    List<Credentials> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(pki.node("t" + (i % 2), namePrefix + "-" + i));
    }
    return list;
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
    List<String> seedAddresses = new ArrayList<>();
    for (int i = 0; i < creds.size(); i++) {
      if (deadline.expired()) {
        log("starting took too long; gave up after %d of %d nodes", i, creds.size());
        break;
      }
      if (i > 0 && i % 50 == 0) {
        log("  %d of %d nodes started", i, creds.size());
      }
      MeterRegistry registry = new SimpleMeterRegistry();
      List<String> seeds = i < settings.seeds() ? List.copyOf(seedAddresses) : seedAddresses;
      Node node = Node.start(config(creds.get(i), seeds), registry, RevocationCheck.NONE);
      nodes.add(node);
      registries.add(registry);
      crashed.add(false);
      if (i < settings.seeds()) {
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
    return new NodeConfig(c, new InetSocketAddress("127.0.0.1", 0), null, seeds, Profiles.named(settings.profile()), t,
        null, Map.of());
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

  /** Median over nodes of each node's verify-cache hit ratio (cumulative since its start); null if none. */
  public Double verifyCacheHitRatio() {
    double[] ratios = registries.stream()
        .map(r -> r.find("hearsay.verify.cache.hit.ratio").gauge())
        .filter(g -> g != null)
        .mapToDouble(Gauge::value)
        .filter(v -> !Double.isNaN(v))
        .sorted()
        .toArray();
    return ratios.length == 0 ? null : ratios[ratios.length / 2];
  }

  /** Claims and frames rejected, summed over nodes. */
  public long rejections() {
    return Math.round(rejectionsByReason().values().stream().mapToDouble(Double::doubleValue).sum());
  }

  /** Rejections by meter and reason over all nodes, for the log. */
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
