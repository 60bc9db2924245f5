package dev.hearsay.bench;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.UnixOperatingSystemMXBean;
import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.overlay.core.MembershipConfig;
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
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;

/**
 * N real hearsay nodes in this JVM, on loopback, over mutual TLS with signed claims: how long a cold
 * start takes to converge, what the steady state costs (CPU, bytes on the sockets), how well the
 * verify-once cache works, how long a crash takes to be detected, and the heap per node.
 *
 * <p>Bytes are the bytes the JVM wrote to its TCP sockets (TLS records, handshakes and length prefixes
 * included), counted from JFR's {@code jdk.SocketWrite} events; the node code is not touched. Every
 * wait is bounded. Progress goes to stderr, the Markdown table to stdout and to {@code --out}.
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar dev.hearsay.bench.ClusterBenchmark --nodes 50,200 --out results.md
 * </pre>
 */
public final class ClusterBenchmark {

  /** Command-line settings; {@code --help} lists them. */
  static final class Options {
    List<Integer> nodes = List.of(50, 200);
    int seeds = 1;
    boolean staggered = false;
    long staggerMillis = 20;
    String profile = "lan";
    int warmupNodes = 20;
    long warmupSeconds = 20;
    long settleSeconds = 10;
    long steadySeconds = 60;
    long convergeTimeoutSeconds = 300;
    long detectTimeoutSeconds = 0; // 0: the profile's detection bound for N, plus 30 s
    long idleTimeoutSeconds = 0; // 0: the transport default
    int maxFrameBytes = 0; // 0: the transport default
    boolean stopAfterFailure = true;
    boolean detect = true;
    Path out;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("--help") || a.equals("-h")) {
          usage(System.out);
          System.exit(0);
        }
        if (a.equals("--staggered")) {
          o.staggered = true;
          continue;
        }
        if (a.equals("--no-detect")) {
          o.detect = false;
          continue;
        }
        if (a.equals("--keep-going")) {
          o.stopAfterFailure = false;
          continue;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("missing value after " + a);
        }
        String v = args[++i];
        switch (a) {
          case "--nodes" -> o.nodes = Arrays.stream(v.split(",")).map(String::trim).map(Integer::parseInt).toList();
          case "--seeds" -> o.seeds = Integer.parseInt(v);
          case "--stagger-ms" -> o.staggerMillis = Long.parseLong(v);
          case "--profile" -> o.profile = v;
          case "--warmup-nodes" -> o.warmupNodes = Integer.parseInt(v);
          case "--warmup-seconds" -> o.warmupSeconds = Long.parseLong(v);
          case "--settle-seconds" -> o.settleSeconds = Long.parseLong(v);
          case "--steady-seconds" -> o.steadySeconds = Long.parseLong(v);
          case "--converge-timeout" -> o.convergeTimeoutSeconds = Long.parseLong(v);
          case "--detect-timeout" -> o.detectTimeoutSeconds = Long.parseLong(v);
          case "--idle-timeout" -> o.idleTimeoutSeconds = Long.parseLong(v);
          case "--max-frame-bytes" -> o.maxFrameBytes = Integer.parseInt(v);
          case "--out" -> o.out = Path.of(v);
          default -> throw new IllegalArgumentException("unknown option " + a + " (see --help)");
        }
      }
      if (o.seeds < 1 || o.nodes.stream().anyMatch(n -> n < 2 || n < o.seeds)) {
        throw new IllegalArgumentException("need at least 2 nodes per run and 1 <= seeds <= nodes");
      }
      return o;
    }

    static void usage(PrintStream s) {
      s.println("""
          ClusterBenchmark: N real nodes over loopback mTLS in one JVM.
            --nodes 50,200          cluster sizes, run one after the other (default 50,200)
            --seeds 1               how many of the first nodes serve as seeds
            --staggered             start nodes one by one, --stagger-ms apart (default: all at once)
            --stagger-ms 20
            --profile lan           lan | local | wan
            --warmup-nodes 20       an untimed cluster first, for the JIT (0 to skip)
            --warmup-seconds 20
            --settle-seconds 10     wait after convergence before the steady-state window
            --steady-seconds 60     length of the steady-state window
            --converge-timeout 300  give up on convergence after this many seconds
            --detect-timeout 0      0: detection bound of the profile for N + 30 s
            --idle-timeout 0        transport idle timeout in seconds (0: default)
            --max-frame-bytes 0     transport frame limit in bytes (0: default, 64 KiB)
            --no-detect             skip the crash-detection step
            --keep-going            go on with larger N after one fails to converge
            --out FILE              also write the Markdown table here""");
    }
  }

  /** One measured cluster size. */
  record Row(
      int n,
      String start,
      double startSpanSeconds,
      Double convergeSeconds,
      double convergeCpuSeconds,
      Double steadyCpuPerNodePerMinute,
      Double bytesPerNodePerSecond,
      Double writesPerNodePerSecond,
      Double hitRatioMedian,
      Double suspectSeconds,
      Double deadSeconds,
      Double heapPerNodeKb,
      long rejections,
      int threads,
      long openFds,
      String note) {}

  private final Options options;
  private final BenchPki pki = new BenchPki();
  private final OperatingSystemMXBean os =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final SocketBytes socketBytes = new SocketBytes();

  ClusterBenchmark(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      Options.usage(System.err);
      System.exit(2);
      return;
    }
    int status = new ClusterBenchmark(options).run();
    System.exit(status);
  }

  int run() throws Exception {
    log("JVM %s, %d processors, max heap %d MB, fd limit %s",
        System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, maxFds());
    socketBytes.start();
    List<Row> rows = new ArrayList<>();
    try {
      if (options.warmupNodes > 1 && options.warmupSeconds > 0) {
        warmUp();
      }
      for (int n : options.nodes) {
        Row row;
        try {
          row = measure(n);
        } catch (Exception | InternalError e) {
          log("N=%d failed: %s", n, e);
          row = new Row(n, "-", 0, null, 0, null, null, null, null, null, null, null, 0, 0, openFds(), "failed: " + e);
        }
        rows.add(row);
        log("result: %s", row);
        if (row.convergeSeconds() == null && options.stopAfterFailure) {
          log("N=%d did not converge; not trying larger N (use --keep-going to)", n);
          break;
        }
      }
    } finally {
      socketBytes.close();
    }
    String table = table(rows);
    System.out.println(table);
    if (options.out != null) {
      Files.writeString(options.out, table, StandardCharsets.UTF_8);
      log("table written to %s", options.out);
    }
    return 0;
  }

  // ------------------------------------------------------------------ phases

  private void warmUp() throws Exception {
    log("warm-up: %d nodes for %d s (not measured)", options.warmupNodes, options.warmupSeconds);
    List<Credentials> creds = credentials(options.warmupNodes, "warm");
    List<Node> nodes = new ArrayList<>();
    try {
      startAll(creds, nodes);
      awaitConvergence(nodes, options.warmupNodes, options.convergeTimeoutSeconds);
      sleepSeconds(options.warmupSeconds);
    } finally {
      closeAll(nodes);
    }
  }

  private Row measure(int n) throws Exception {
    log("N=%d: issuing %d certificates", n, n);
    List<Credentials> creds = credentials(n, "n" + n);
    long heapBefore = heapAfterGc();
    List<Node> nodes = new ArrayList<>(n);
    List<MeterRegistry> registries = new ArrayList<>(n);
    String start = options.staggered ? "staggered " + options.staggerMillis + " ms" : "all at once";
    try {
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      log("N=%d: starting (%s, %d seed(s), profile %s)", n, start, options.seeds, options.profile);
      registries.addAll(startAll(creds, nodes));
      double startSpan = seconds(System.nanoTime() - t0);
      log("N=%d: all started in %.1f s", n, startSpan);
      long convergedAt = nodes.size() < n ? -1 : awaitConvergence(nodes, n, options.convergeTimeoutSeconds);
      long cpu1 = os.getProcessCpuTime();
      double convergeCpu = seconds(cpu1 - cpu0);
      int threads = ManagementFactory.getThreadMXBean().getThreadCount();
      if (convergedAt < 0) {
        return new Row(n, start, startSpan, null, convergeCpu, null, null, null, hitRatio(registries), null, null,
            null, rejections(registries), threads, openFds(), nodes.size() < n
                ? "only " + nodes.size() + " of " + n + " nodes started within " + options.convergeTimeoutSeconds + " s"
                : "did not converge in " + options.convergeTimeoutSeconds + " s");
      }
      double convergeSeconds = seconds(convergedAt - t0);
      log("N=%d: converged in %.1f s (%.1f CPU s); settling %d s", n, convergeSeconds, convergeCpu, options.settleSeconds);
      sleepSeconds(options.settleSeconds);

      log("N=%d: steady-state window of %d s", n, options.steadySeconds);
      Instant w0 = Instant.now();
      long cpuS0 = os.getProcessCpuTime();
      long s0 = System.nanoTime();
      sleepSeconds(options.steadySeconds);
      long cpuS1 = os.getProcessCpuTime();
      long s1 = System.nanoTime();
      Instant w1 = Instant.now();
      int stillAlive = minAlive(nodes);
      long fds = openFds();
      double window = seconds(s1 - s0);
      SocketBytes.Window written = socketBytes.between(w0, w1);
      double cpuPerNodeMinute = seconds(cpuS1 - cpuS0) / n / (window / 60.0);
      double bytesPerNodeSecond = written.bytes() / (double) n / window;
      double writesPerNodeSecond = written.writes() / (double) n / window;
      Double hit = hitRatio(registries);
      log("N=%d: steady: %.3f CPU s/node/min, %.0f B/node/s (%.1f writes/node/s), verify-cache hit ratio %s, min ALIVE seen %d",
          n, cpuPerNodeMinute, bytesPerNodeSecond, writesPerNodeSecond, hit, stillAlive);
      log("N=%d: rejections so far by reason: %s", n, rejectionsByReason(registries));
      String note = stillAlive < n ? "views lost members in steady state (min ALIVE " + stillAlive + ")" : "";

      long heapDuring = heapAfterGc();
      double heapPerNode = (heapDuring - heapBefore) / 1024.0 / n;

      Double suspect = null;
      Double dead = null;
      if (options.detect) {
        double[] detection = detect(nodes, n);
        suspect = detection[0] < 0 ? null : detection[0];
        dead = detection[1] < 0 ? null : detection[1];
        if (dead == null) {
          note = (note.isEmpty() ? "" : note + "; ") + "crash not seen DEAD by all within the bound";
        }
      }
      return new Row(n, start, startSpan, convergeSeconds, convergeCpu, cpuPerNodeMinute, bytesPerNodeSecond,
          writesPerNodeSecond, hit, suspect, dead, heapPerNode, rejections(registries), threads, fds, note);
    } finally {
      log("N=%d: closing %d nodes", n, nodes.size());
      closeAll(nodes);
      heapAfterGc();
    }
  }

  /** Closes one non-seed node abruptly; returns seconds until all others show it SUSPECT-or-worse, and DEAD (-1: not in time). */
  private double[] detect(List<Node> nodes, int n) throws InterruptedException {
    int victimIndex = Math.max(options.seeds, n / 2);
    Node victim = nodes.get(victimIndex);
    String uri = victim.identity().uri();
    MembershipConfig config = Profiles.named(options.profile);
    long timeout = options.detectTimeoutSeconds > 0
        ? TimeUnit.SECONDS.toNanos(options.detectTimeoutSeconds)
        : Profiles.detectionBound(config, n) + TimeUnit.SECONDS.toNanos(30);
    log("N=%d: closing %s abruptly; waiting up to %.0f s for every other node to mark it DEAD", n, victim.identity().name(),
        seconds(timeout));
    long t0 = System.nanoTime();
    victim.close();
    double suspected = -1;
    long lastLog = t0;
    while (System.nanoTime() - t0 < timeout) {
      int atLeastSuspect = 0;
      int dead = 0;
      for (int i = 0; i < nodes.size(); i++) {
        if (i == victimIndex) {
          continue;
        }
        Status s = nodes.get(i).view().statusOf(uri);
        if (s == Status.DEAD) {
          dead++;
        }
        if (s == Status.SUSPECT || s == Status.DEAD) {
          atLeastSuspect++;
        }
      }
      long now = System.nanoTime();
      if (suspected < 0 && atLeastSuspect == n - 1) {
        suspected = seconds(now - t0);
      }
      if (dead == n - 1) {
        double d = seconds(now - t0);
        log("N=%d: all %d others show it DEAD after %.1f s", n, n - 1, d);
        return new double[] {suspected < 0 ? d : suspected, d};
      }
      if (now - lastLog > TimeUnit.SECONDS.toNanos(5)) {
        log("N=%d: +%.0f s: %d suspect-or-dead, %d dead of %d", n, seconds(now - t0), atLeastSuspect, dead, n - 1);
        lastLog = now;
      }
      Thread.sleep(100);
    }
    return new double[] {suspected, -1};
  }

  // ------------------------------------------------------------------ helpers

  private List<Credentials> credentials(int n, String prefix) {
    List<Credentials> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(pki.node("t" + (i % 2), prefix + "-" + i));
    }
    return list;
  }

  private NodeConfig config(Credentials c, List<String> seeds) {
    TransportConfig t = TransportConfig.defaults();
    if (options.idleTimeoutSeconds > 0 || options.maxFrameBytes > 0) {
      t = new TransportConfig(
          options.maxFrameBytes > 0 ? options.maxFrameBytes : t.maxFrameBytes(),
          t.maxConnectionsPerPeer(),
          options.idleTimeoutSeconds > 0 ? Duration.ofSeconds(options.idleTimeoutSeconds) : t.idleTimeout(),
          t.connectTimeout(), t.handshakeTimeout(), t.writeLowWaterMark(), t.writeHighWaterMark());
    }
    return new NodeConfig(c, new InetSocketAddress("127.0.0.1", 0), null, seeds, Profiles.named(options.profile), t, null,
        Map.of());
  }

  /** Starts the seeds (no seeds of their own but the first), then the rest; fills {@code nodes}; returns their registries. */
  private List<MeterRegistry> startAll(List<Credentials> creds, List<Node> nodes) throws Exception {
    List<MeterRegistry> registries = new ArrayList<>();
    List<String> seedAddresses = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.convergeTimeoutSeconds);
    for (int i = 0; i < creds.size(); i++) {
      if (System.nanoTime() > deadline) {
        log("starting took longer than %d s; gave up after %d of %d nodes", options.convergeTimeoutSeconds, i, creds.size());
        break;
      }
      if (i > 0 && i % 50 == 0) {
        log("  %d of %d nodes started", i, creds.size());
      }
      MeterRegistry registry = new SimpleMeterRegistry();
      List<String> seeds = i < options.seeds ? List.copyOf(seedAddresses) : seedAddresses;
      Node node = Node.start(config(creds.get(i), seeds), registry, RevocationCheck.NONE);
      nodes.add(node);
      registries.add(registry);
      if (i < options.seeds) {
        seedAddresses.add(node.address());
      }
      if (options.staggered && options.staggerMillis > 0) {
        Thread.sleep(options.staggerMillis);
      }
    }
    return registries;
  }

  /** Waits until every node sees all n ALIVE; returns the nanoTime it happened, or -1 after the timeout. */
  private long awaitConvergence(List<Node> nodes, int n, long timeoutSeconds) throws InterruptedException {
    long t0 = System.nanoTime();
    long deadline = t0 + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    long lastLog = t0;
    while (System.nanoTime() < deadline) {
      int[] alive = aliveCounts(nodes);
      int min = Arrays.stream(alive).min().orElse(0);
      if (min == n) {
        return System.nanoTime();
      }
      long now = System.nanoTime();
      if (now - lastLog > TimeUnit.SECONDS.toNanos(5)) {
        int[] sorted = alive.clone();
        Arrays.sort(sorted);
        long full = Arrays.stream(alive).filter(a -> a == n).count();
        log("  +%.0f s: ALIVE seen per node min %d / median %d / max %d; %d of %d nodes complete; %d threads, %d fds",
            seconds(now - t0), sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1], full, nodes.size(),
            ManagementFactory.getThreadMXBean().getThreadCount(), openFds());
        if (nodes.size() - full <= 3) {
          logStragglers(nodes, n);
        }
        lastLog = now;
      }
      Thread.sleep(250);
    }
    return -1;
  }

  /** For each node that does not see everyone ALIVE yet: whom it misses, and as what. */
  private static void logStragglers(List<Node> nodes, int n) {
    for (Node node : nodes) {
      List<MembershipView.Member> members = node.view().members();
      long alive = members.stream().filter(m -> m.status() == Status.ALIVE).count();
      if (alive == n) {
        continue;
      }
      List<String> notAlive = new ArrayList<>();
      java.util.Set<String> known = new java.util.HashSet<>();
      for (MembershipView.Member m : members) {
        known.add(m.id());
        if (m.status() != Status.ALIVE) {
          notAlive.add(m.name() + "=" + m.status());
        }
      }
      List<String> unknown = new ArrayList<>();
      for (Node other : nodes) {
        if (!known.contains(other.identity().uri())) {
          unknown.add(other.identity().name());
        }
      }
      log("    %s sees %d ALIVE; not ALIVE: %s; unknown: %s", node.identity().name(), alive, notAlive,
          unknown.size() > 5 ? unknown.subList(0, 5) + " and " + (unknown.size() - 5) + " more" : unknown);
    }
  }

  private static int[] aliveCounts(List<Node> nodes) {
    int[] alive = new int[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
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

  private static int minAlive(List<Node> nodes) {
    return Arrays.stream(aliveCounts(nodes)).min().orElse(0);
  }

  /** Median over nodes of each node's verify-cache hit ratio (cumulative since its start). */
  private static Double hitRatio(List<MeterRegistry> registries) {
    double[] ratios = registries.stream()
        .map(r -> r.find("hearsay.verify.cache.hit.ratio").gauge())
        .filter(g -> g != null)
        .mapToDouble(Gauge::value)
        .filter(v -> !Double.isNaN(v))
        .sorted()
        .toArray();
    return ratios.length == 0 ? null : ratios[ratios.length / 2];
  }

  private static long rejections(List<MeterRegistry> registries) {
    double total = 0;
    for (MeterRegistry r : registries) {
      for (String name : List.of("hearsay.claims.rejected", "hearsay.transport.rejections")) {
        for (Counter c : r.find(name).counters()) {
          total += c.count();
        }
      }
    }
    return (long) total;
  }

  /** Rejections by meter and reason over all nodes, for the log. */
  static Map<String, Double> rejectionsByReason(List<MeterRegistry> registries) {
    Map<String, Double> by = new LinkedHashMap<>();
    for (MeterRegistry r : registries) {
      for (String name : List.of("hearsay.claims.rejected", "hearsay.transport.rejections")) {
        for (Counter c : r.find(name).counters()) {
          if (c.count() > 0) {
            by.merge(name + "{" + c.getId().getTag("reason") + "}", c.count(), Double::sum);
          }
        }
      }
    }
    return by;
  }

  private static void closeAll(List<Node> nodes) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (Node node : nodes) {
        done.add(pool.submit(node::close));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      for (Future<?> f : done) {
        try {
          f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
          log("closing a node: %s", e);
        }
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Open file descriptors of this process; -1 when unknown (counting needs a descriptor itself, which may have run out). */
  private long openFds() {
    try {
      return os instanceof UnixOperatingSystemMXBean u ? u.getOpenFileDescriptorCount() : -1;
    } catch (InternalError | RuntimeException e) {
      return -1;
    }
  }

  private String maxFds() {
    return os instanceof UnixOperatingSystemMXBean u ? Long.toString(u.getMaxFileDescriptorCount()) : "?";
  }

  private static void sleepSeconds(long s) throws InterruptedException {
    Thread.sleep(TimeUnit.SECONDS.toMillis(s));
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  static void log(String format, Object... args) {
    System.err.printf(Locale.ROOT, "%s %s%n", Instant.now().toString().substring(11, 19), String.format(Locale.ROOT, format, args));
  }

  // ------------------------------------------------------------------ output

  static String table(List<Row> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append("| N | start | converge s (all see N ALIVE) | CPU s during convergence | steady CPU s / node / min"
        + " | steady bytes sent / node / s | socket writes / node / s | verify-cache hit ratio (median node)"
        + " | crash: all SUSPECT s | crash: all DEAD s | heap / node after GC | rejections | threads | open fds | note |\n");
    sb.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (Row r : rows) {
      sb.append("| ").append(r.n())
          .append(" | ").append(r.start()).append(String.format(Locale.ROOT, " (%.1f s)", r.startSpanSeconds()))
          .append(" | ").append(r.convergeSeconds() == null ? "did not converge" : fmt(r.convergeSeconds(), 1))
          .append(" | ").append(fmt(r.convergeCpuSeconds(), 1))
          .append(" | ").append(fmt(r.steadyCpuPerNodePerMinute(), 3))
          .append(" | ").append(r.bytesPerNodePerSecond() == null ? "–" : String.format(Locale.ROOT, "%,.0f B/s", r.bytesPerNodePerSecond()))
          .append(" | ").append(fmt(r.writesPerNodePerSecond(), 1))
          .append(" | ").append(fmt(r.hitRatioMedian(), 3))
          .append(" | ").append(fmt(r.suspectSeconds(), 1))
          .append(" | ").append(fmt(r.deadSeconds(), 1))
          .append(" | ").append(r.heapPerNodeKb() == null ? "–" : String.format(Locale.ROOT, "%,.0f KB", r.heapPerNodeKb()))
          .append(" | ").append(r.rejections())
          .append(" | ").append(r.threads())
          .append(" | ").append(r.openFds())
          .append(" | ").append(r.note())
          .append(" |\n");
    }
    return sb.toString();
  }

  private static String fmt(Double v, int decimals) {
    return v == null ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  // ------------------------------------------------------------------ bytes on the sockets

  /**
   * Sums {@code jdk.SocketWrite} events (every write to a TCP socket of this JVM, NIO included), by the
   * time the write started, so a window can be asked for after the fact (JFR delivers about once a second).
   */
  static final class SocketBytes implements AutoCloseable {
    record Window(long bytes, long writes) {}

    private static final int SLOTS = 4096; // one slot per second, a ring long enough for any single window
    private final AtomicLong[] bytesPerSecond = new AtomicLong[SLOTS];
    private final AtomicLong[] writesPerSecond = new AtomicLong[SLOTS];
    private final long[] slotSecond = new long[SLOTS];
    private RecordingStream stream;

    SocketBytes() {
      for (int i = 0; i < SLOTS; i++) {
        bytesPerSecond[i] = new AtomicLong();
        writesPerSecond[i] = new AtomicLong();
      }
    }

    void start() {
      stream = new RecordingStream();
      stream.enable("jdk.SocketWrite").withThreshold(Duration.ZERO).withoutStackTrace();
      stream.onEvent("jdk.SocketWrite", this::onWrite);
      stream.startAsync();
    }

    private synchronized void onWrite(RecordedEvent e) {
      long second = e.getStartTime().getEpochSecond();
      int slot = (int) Math.floorMod(second, (long) SLOTS);
      if (slotSecond[slot] != second) {
        slotSecond[slot] = second;
        bytesPerSecond[slot].set(0);
        writesPerSecond[slot].set(0);
      }
      bytesPerSecond[slot].addAndGet(e.getLong("bytesWritten"));
      writesPerSecond[slot].incrementAndGet();
    }

    /** Bytes written in whole seconds from {@code from} (rounded up) to {@code to} (rounded down), after JFR has flushed. */
    Window between(Instant from, Instant to) throws InterruptedException {
      Thread.sleep(2_500);
      long first = from.getEpochSecond() + 1;
      long last = to.getEpochSecond() - 1;
      long bytes = 0;
      long writes = 0;
      synchronized (this) {
        for (long s = first; s <= last; s++) {
          int slot = (int) Math.floorMod(s, (long) SLOTS);
          if (slotSecond[slot] == s) {
            bytes += bytesPerSecond[slot].get();
            writes += writesPerSecond[slot].get();
          }
        }
      }
      // Scale the whole seconds counted back up to the window's length.
      double counted = Math.max(1, last - first + 1);
      double scale = Duration.between(from, to).toNanos() / 1e9 / counted;
      return new Window(Math.round(bytes * scale), Math.round(writes * scale));
    }

    @Override
    public void close() {
      if (stream != null) {
        stream.close();
      }
    }
  }

  static {
    // Keep logs and JFR quiet unless asked; the table is the output.
    if (System.getProperty("hearsay.bench.log") == null) {
      System.setProperty("hearsay.bench.log", "WARN");
    }
  }

  static String usageText() throws IOException {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    Options.usage(new PrintStream(b, true, StandardCharsets.UTF_8));
    return b.toString(StandardCharsets.UTF_8);
  }
}
