package dev.hearsay.bench.sidebyside;

import static dev.hearsay.bench.measure.BenchLog.log;

import dev.hearsay.bench.cluster.MemberCluster;
import dev.hearsay.bench.measure.Await;
import dev.hearsay.bench.measure.CpuWindow;
import dev.hearsay.bench.measure.Deadline;
import dev.hearsay.bench.measure.Heap;
import dev.hearsay.bench.measure.ProcessStats;
import dev.hearsay.bench.measure.SocketBytes;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * One implementation at one cluster size, through the phases every row of the side-by-side shares:
 * cold start until every member sees all N, a steady-state window (process CPU, socket bytes), heap
 * after GC, then an abrupt crash until every other member has marked it dead. Every wait is bounded.
 */
final class ClusterRun {
  private final SideBySideOptions options;
  private final SocketBytes socketBytes;

  ClusterRun(SideBySideOptions options, SocketBytes socketBytes) {
    this.options = options;
    this.socketBytes = socketBytes;
  }

  /** Starts a small cluster, lets it run and closes it: the JIT compiles the hot paths before any row. */
  void warmUp(MemberCluster cluster) throws Exception {
    log("%s: warm-up with %d members for %d s (not measured)", cluster.label(), options.warmupNodes, options.warmupSeconds);
    try (cluster) {
      cluster.prepare(options.warmupNodes);
      Duration timeout = Duration.ofSeconds(options.convergeTimeoutSeconds);
      cluster.start(options.warmupNodes, Deadline.in(timeout));
      Await.until(() -> minAlive(cluster) == options.warmupNodes, timeout, Duration.ofMillis(250), waited -> {});
      Thread.sleep(Duration.ofSeconds(options.warmupSeconds).toMillis());
    }
  }

  /**
   * Heap per member is the used heap after GC with the cluster running, less the lower of the readings
   * just before it started and just after it closed: the cluster before a size may leave objects that
   * are only freed during this one (a ScaleCube shutdown finishes asynchronously), which would make the
   * reading before too high, and the lower reading is what neither cluster held.
   */
  Measured measure(MemberCluster cluster, int n) throws Exception {
    cluster.prepare(n);
    long heapBefore = Heap.usedAfterGc();
    Measured measured = run(cluster, n);
    long baseline = Math.min(heapBefore, Heap.usedAfterGc());
    if (measured.heapPerMemberKb() == null) {
      return measured;
    }
    double heapKb = (measured.heapPerMemberKb() * 1024.0 - baseline) / 1024.0 / n;
    return new Measured(measured.label(), n, measured.startMode(), measured.startSeconds(), measured.convergeSeconds(),
        measured.cpuPerMemberPerMinute(), measured.bytesPerMemberPerSecond(), heapKb, measured.allMarkDeadSeconds(),
        measured.facts(), measured.threads(), measured.openFds(), measured.note());
  }

  /** The phases; the heap figure it returns is the whole used heap after GC (in KB), not yet per member. */
  private Measured run(MemberCluster cluster, int n) throws Exception {
    String label = cluster.label();
    try (cluster) {
      Duration timeout = Duration.ofSeconds(options.convergeTimeoutSeconds);
      Deadline deadline = Deadline.in(timeout);
      log("%s N=%d: starting (%s)", label, n, cluster.startMode());
      long t0 = System.nanoTime();
      cluster.start(n, deadline);
      double startSeconds = seconds(System.nanoTime() - t0);
      if (cluster.started() < n) {
        return failed(cluster, n, startSeconds,
            "only " + cluster.started() + " of " + n + " started within " + options.convergeTimeoutSeconds + " s");
      }
      log("%s N=%d: all started in %.1f s", label, n, startSeconds);
      long convergedAt = Await.until(() -> minAlive(cluster) == n, deadline.remaining(), Duration.ofMillis(250),
          waited -> log("%s N=%d: +%.0f s after the last start: %s; %d threads, %d fds", label, n, waited,
              spread(cluster.aliveCounts()), ProcessStats.threads(), ProcessStats.openFds()));
      if (convergedAt < 0) {
        return failed(cluster, n, startSeconds, "did not converge within " + options.convergeTimeoutSeconds
            + " s (members seen per member at the end: " + spread(cluster.aliveCounts()) + ")");
      }
      double convergeSeconds = seconds(convergedAt - t0);
      log("%s N=%d: converged in %.1f s; settling %d s", label, n, convergeSeconds, options.settleSeconds);
      Thread.sleep(Duration.ofSeconds(options.settleSeconds).toMillis());

      CpuWindow window = CpuWindow.start();
      Thread.sleep(Duration.ofSeconds(options.steadySeconds).toMillis());
      CpuWindow.Span steady = window.stop();
      int threads = ProcessStats.threads();
      long fds = ProcessStats.openFds();
      int minAlive = minAlive(cluster);
      double cpu = steady.cpuPerMemberPerMinute(n);
      double bytes = socketBytes.between(steady.from(), steady.to()).bytes() / (double) n / steady.wallSeconds();
      Map<String, String> facts = cluster.facts();
      log("%s N=%d: steady %.3f CPU s/member/min, %.0f B/member/s, %s", label, n, cpu, bytes, facts);
      double heapKb = Heap.usedAfterGc() / 1024.0;

      Double dead = detect(cluster, n);
      String note = minAlive < n ? "views lost members in steady state (min seen " + minAlive + ")" : "";
      if (dead == null) {
        note = (note.isEmpty() ? "" : note + "; ") + "crash not marked dead by all within "
            + cluster.detectionBound(n).toSeconds() + " s";
      }
      return new Measured(label, n, cluster.startMode(), startSeconds, convergeSeconds, cpu, bytes, heapKb, dead, facts,
          threads, fds, note);
    } finally {
      log("%s N=%d: closed", label, n);
    }
  }

  /** Crashes a member that is not the seed; seconds until every other member marked it dead, or null. */
  private static Double detect(MemberCluster cluster, int n) throws Exception {
    int victim = n / 2;
    Duration bound = cluster.detectionBound(n);
    log("%s N=%d: crashing member %d; waiting up to %d s for the %d others to mark it dead", cluster.label(), n, victim,
        bound.toSeconds(), n - 1);
    long t0 = System.nanoTime();
    cluster.crash(victim);
    long at = Await.until(() -> cluster.markedDead(victim) == n - 1, bound, Duration.ofMillis(100),
        waited -> log("%s N=%d: +%.0f s: %d of %d marked it dead", cluster.label(), n, waited, cluster.markedDead(victim),
            n - 1));
    return at < 0 ? null : seconds(at - t0);
  }

  private static Measured failed(MemberCluster cluster, int n, double startSeconds, String why) {
    log("%s N=%d: %s", cluster.label(), n, why);
    return new Measured(cluster.label(), n, cluster.startMode(), startSeconds, null, null, null, null, null,
        cluster.facts(), ProcessStats.threads(), ProcessStats.openFds(), why);
  }

  private static int minAlive(MemberCluster cluster) {
    return Arrays.stream(cluster.aliveCounts()).min().orElse(0);
  }

  private static String spread(int[] counts) {
    if (counts.length == 0) {
      return "none";
    }
    int[] sorted = counts.clone();
    Arrays.sort(sorted);
    return "min " + sorted[0] + " / median " + sorted[sorted.length / 2] + " / max " + sorted[sorted.length - 1];
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
