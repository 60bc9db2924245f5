package dev.hearsay.bench;

import static dev.hearsay.bench.measure.BenchLog.log;

import dev.hearsay.bench.cluster.HearsayCluster;
import dev.hearsay.bench.cluster.HostPool;
import dev.hearsay.bench.cluster.MeasuredCluster;
import dev.hearsay.bench.cluster.ProcessCluster;
import dev.hearsay.bench.measure.Await;
import dev.hearsay.bench.measure.CpuWindow;
import dev.hearsay.bench.measure.Deadline;
import dev.hearsay.bench.measure.ProcessStats;
import dev.hearsay.bench.measure.SocketBytes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

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
    int processes = 1; // 1: every node in this JVM
    String hostHeap = "3g";
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
          case "--processes" -> o.processes = Integer.parseInt(v);
          case "--host-heap" -> o.hostHeap = v;
          case "--out" -> o.out = Path.of(v);
          default -> throw new IllegalArgumentException("unknown option " + a + " (see --help)");
        }
      }
      if (o.seeds < 1 || o.nodes.stream().anyMatch(n -> n < 2 || n < o.seeds)) {
        throw new IllegalArgumentException("need at least 2 nodes per run and 1 <= seeds <= nodes");
      }
      if (o.processes < 1 || o.nodes.stream().anyMatch(n -> n / o.processes < o.seeds)) {
        throw new IllegalArgumentException("need 1 <= processes and at least as many nodes per process as seeds");
      }
      return o;
    }

    static void usage(PrintStream s) {
      s.println("""
          ClusterBenchmark: N real nodes over loopback mTLS, in this JVM or spread over several.
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
            --processes 1           spread the nodes over this many host JVMs (1: all in this one);
                                    one JVM holds about N*(N-1) sockets of the 20,000 allowed here
            --host-heap 3g          -Xmx of each host JVM
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
  private final SocketBytes socketBytes = new SocketBytes();
  private HostPool hosts;

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
    log("JVM %s, %d processors, max heap %d MB, fd limit %d",
        System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, ProcessStats.maxFds());
    socketBytes.start();
    List<Row> rows = new ArrayList<>();
    try {
      if (options.processes > 1) {
        hosts = HostPool.start(pki, options.processes, options.hostHeap);
      }
      if (options.warmupNodes > 1 && options.warmupSeconds > 0) {
        warmUp();
      }
      for (int n : options.nodes) {
        Row row;
        try {
          row = measure(n);
        } catch (Exception | InternalError e) {
          log("N=%d failed: %s", n, e);
          row = new Row(n, "-", 0, null, 0, null, null, null, null, null, null, null, 0, 0, ProcessStats.openFds(),
              "failed: " + e);
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
      if (hosts != null) {
        hosts.close();
      }
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

  private MeasuredCluster cluster(String prefix) {
    HearsayCluster.Settings settings = new HearsayCluster.Settings(options.seeds, options.staggered, options.staggerMillis,
        options.profile, options.idleTimeoutSeconds, options.maxFrameBytes);
    return hosts != null
        ? new ProcessCluster(hosts, settings, prefix)
        : new HearsayCluster(pki, settings, prefix).measuredBy(socketBytes);
  }

  private Duration convergeTimeout() {
    return Duration.ofSeconds(options.convergeTimeoutSeconds);
  }

  private void warmUp() throws Exception {
    log("warm-up: %d nodes for %d s (not measured)", options.warmupNodes, options.warmupSeconds);
    try (MeasuredCluster cluster = cluster("warm")) {
      cluster.start(options.warmupNodes, Deadline.in(convergeTimeout()));
      awaitConvergence(cluster, options.warmupNodes);
      Thread.sleep(TimeUnit.SECONDS.toMillis(options.warmupSeconds));
    }
  }

  private Row measure(int n) throws Exception {
    log("N=%d: issuing %d certificates", n, n);
    MeasuredCluster cluster = cluster("n" + n);
    cluster.prepare(n);
    long heapBefore = cluster.heapAfterGc();
    String start = cluster.startMode();
    try {
      CpuWindow converging = CpuWindow.start(cluster::cpuNanos);
      long t0 = System.nanoTime();
      log("N=%d: starting (%s, %d seed(s), profile %s)", n, start, options.seeds, options.profile);
      cluster.start(n, Deadline.in(convergeTimeout()));
      double startSpan = seconds(System.nanoTime() - t0);
      log("N=%d: all started in %.1f s", n, startSpan);
      long convergedAt = cluster.started() < n ? -1 : awaitConvergence(cluster, n);
      double convergeCpu = converging.stop().cpuSeconds();
      int threads = cluster.threads();
      if (convergedAt < 0) {
        return new Row(n, start, startSpan, null, convergeCpu, null, null, null, cluster.verifyCacheHitRatio(), null,
            null, null, cluster.rejections(), threads, cluster.openFds(), cluster.started() < n
                ? "only " + cluster.started() + " of " + n + " nodes started within " + options.convergeTimeoutSeconds + " s"
                : "did not converge in " + options.convergeTimeoutSeconds + " s");
      }
      double convergeSeconds = seconds(convergedAt - t0);
      log("N=%d: converged in %.1f s (%.1f CPU s); settling %d s", n, convergeSeconds, convergeCpu, options.settleSeconds);
      Thread.sleep(TimeUnit.SECONDS.toMillis(options.settleSeconds));

      log("N=%d: steady-state window of %d s", n, options.steadySeconds);
      CpuWindow steady = CpuWindow.start(cluster::cpuNanos);
      Thread.sleep(TimeUnit.SECONDS.toMillis(options.steadySeconds));
      CpuWindow.Span span = steady.stop();
      int stillAlive = Arrays.stream(cluster.aliveCounts()).min().orElse(0);
      long fds = cluster.openFds();
      SocketBytes.Window written = cluster.socketBytes(span.from(), span.to());
      double cpuPerNodeMinute = span.cpuPerMemberPerMinute(n);
      double bytesPerNodeSecond = written.bytes() / (double) n / span.wallSeconds();
      double writesPerNodeSecond = written.writes() / (double) n / span.wallSeconds();
      Double hit = cluster.verifyCacheHitRatio();
      log("N=%d: steady: %.3f CPU s/node/min, %.0f B/node/s (%.1f writes/node/s), verify-cache hit ratio %s, min ALIVE seen %d",
          n, cpuPerNodeMinute, bytesPerNodeSecond, writesPerNodeSecond, hit, stillAlive);
      log("N=%d: rejections so far by reason: %s", n, cluster.rejectionsByReason());
      String note = stillAlive < n ? "views lost members in steady state (min ALIVE " + stillAlive + ")" : "";

      double heapPerNode = (cluster.heapAfterGc() - heapBefore) / 1024.0 / n;

      Double suspect = null;
      Double dead = null;
      if (options.detect) {
        double[] detection = detect(cluster, n);
        suspect = detection[0] < 0 ? null : detection[0];
        dead = detection[1] < 0 ? null : detection[1];
        if (dead == null) {
          note = (note.isEmpty() ? "" : note + "; ") + "crash not seen DEAD by all within the bound";
        }
      }
      return new Row(n, start, startSpan, convergeSeconds, convergeCpu, cpuPerNodeMinute, bytesPerNodeSecond,
          writesPerNodeSecond, hit, suspect, dead, heapPerNode, cluster.rejections(), threads, fds, note);
    } finally {
      log("N=%d: closing %d nodes", n, cluster.started());
      cluster.close();
      cluster.heapAfterGc();
    }
  }

  /** Closes one non-seed node abruptly; returns seconds until all others show it SUSPECT-or-worse, and DEAD (-1: not in time). */
  private double[] detect(MeasuredCluster cluster, int n) throws Exception {
    int victim = Math.max(options.seeds, n / 2);
    Duration timeout = options.detectTimeoutSeconds > 0
        ? Duration.ofSeconds(options.detectTimeoutSeconds)
        : cluster.detectionBound(n);
    log("N=%d: closing %s abruptly; waiting up to %d s for every other node to mark it DEAD", n,
        cluster.name(victim), timeout.toSeconds());
    long t0 = System.nanoTime();
    cluster.crash(victim);
    long[] suspectedAt = {-1};
    long deadAt = Await.until(() -> {
      if (suspectedAt[0] < 0 && cluster.markedSuspectOrDead(victim) == n - 1) {
        suspectedAt[0] = System.nanoTime();
      }
      return cluster.markedDead(victim) == n - 1;
    }, timeout, Duration.ofMillis(100), waited -> log("N=%d: +%.0f s: %d suspect-or-dead, %d dead of %d", n, waited,
        cluster.markedSuspectOrDead(victim), cluster.markedDead(victim), n - 1));
    double suspected = suspectedAt[0] < 0 ? -1 : seconds(suspectedAt[0] - t0);
    if (deadAt < 0) {
      return new double[] {suspected, -1};
    }
    double d = seconds(deadAt - t0);
    log("N=%d: all %d others show it DEAD after %.1f s", n, n - 1, d);
    return new double[] {suspected < 0 ? d : suspected, d};
  }

  // ------------------------------------------------------------------ helpers

  /** Waits until every node sees all n ALIVE; returns the nanoTime it happened, or -1 after the timeout. */
  private long awaitConvergence(MeasuredCluster cluster, int n) throws InterruptedException {
    return Await.until(() -> Arrays.stream(cluster.aliveCounts()).min().orElse(0) == n, convergeTimeout(),
        Duration.ofMillis(250), waited -> {
          int[] sorted = cluster.aliveCounts();
          Arrays.sort(sorted);
          long full = Arrays.stream(sorted).filter(a -> a == n).count();
          log("  +%.0f s: ALIVE seen per node min %d / median %d / max %d; %d of %d nodes complete; %d threads, %d fds",
              waited, sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1], full, sorted.length,
              cluster.threads(), cluster.openFds());
          if (sorted.length - full <= 3) {
            cluster.logStragglers(n);
          }
        });
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
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
