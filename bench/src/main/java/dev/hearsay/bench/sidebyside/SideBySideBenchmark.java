package dev.hearsay.bench.sidebyside;

import static dev.hearsay.bench.measure.BenchLog.log;

import dev.hearsay.bench.BenchPki;
import dev.hearsay.bench.cluster.HearsayCluster;
import dev.hearsay.bench.cluster.MemberCluster;
import dev.hearsay.bench.measure.ProcessStats;
import dev.hearsay.bench.measure.SocketBytes;
import dev.hearsay.bench.micro.CpuTimeRates;
import dev.hearsay.bench.scalecube.ScaleCubeCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * hearsay and ScaleCube side by side: for each N, N hearsay nodes and then N ScaleCube members in
 * this JVM on 127.0.0.1, each with its own defaults, measured the same way ({@link ClusterRun});
 * prints one Markdown table with hearsay / ScaleCube ratios, notes, and issue 7's goals.
 *
 * <pre>
 *   java -Xmx4g -cp bench/target/benchmarks.jar dev.hearsay.bench.sidebyside.SideBySideBenchmark --nodes 50,100,200,500
 * </pre>
 */
public final class SideBySideBenchmark {
  /** Share of the descriptor limit hearsay may plan to use; the JVM and JFR need some too. */
  private static final double FD_HEADROOM = 0.95;

  private final SideBySideOptions options;
  private final BenchPki pki = new BenchPki();
  private final SocketBytes socketBytes = new SocketBytes();
  private final List<Measured> hearsay = new ArrayList<>();
  private final List<Measured> scaleCube = new ArrayList<>();

  SideBySideBenchmark(SideBySideOptions options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help")) {
      SideBySideOptions.usage(System.out);
      return;
    }
    SideBySideOptions options;
    try {
      options = SideBySideOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      SideBySideOptions.usage(System.err);
      System.exit(2);
      return;
    }
    new SideBySideBenchmark(options).run();
    System.exit(0);
  }

  void run() throws Exception {
    log("JVM %s, %d processors, max heap %d MB, file descriptor limit %d", System.getProperty("java.vm.version"),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, ProcessStats.maxFds());
    socketBytes.start();
    ClusterRun run = new ClusterRun(options, socketBytes);
    try {
      if (options.warmupNodes > 2 && options.warmupSeconds > 0) {
        if (asked("hearsay")) {
          run.warmUp(hearsayCluster("warm"));
        }
        if (asked("scalecube")) {
          run.warmUp(new ScaleCubeCluster());
        }
      }
      for (int n : options.nodes) {
        // hearsay first at each size: a ScaleCube cluster that collapses leaves the heap full of its
        // buffered messages, which would weigh on whatever runs next.
        hearsay.add(measure("hearsay", n, hearsay, i -> hearsayCluster("n" + i), run));
        scaleCube.add(measure("scalecube", n, scaleCube, i -> new ScaleCubeCluster(), run));
        write(report(null));
      }
    } finally {
      socketBytes.close();
    }
    Double verify = null;
    if (options.verifySeconds > 0) {
      log("claim verifications per CPU-second: %d s warm-up, 5 rounds", options.verifySeconds);
      verify = CpuTimeRates.medianVerifyPerCpuSecond(options.verifySeconds, 5, Math.max(1, options.verifySeconds / 5));
    }
    String report = report(verify);
    System.out.println(report);
    write(report);
  }

  private boolean asked(String system) {
    return options.systems.contains(system);
  }

  private HearsayCluster hearsayCluster(String prefix) {
    return new HearsayCluster(pki, HearsayCluster.Settings.defaults(), prefix);
  }

  /** One system at one size: measured, or not run with the reason (never a guessed figure). */
  private Measured measure(String system, int n, List<Measured> earlier, IntFunction<MemberCluster> make, ClusterRun run) {
    if (!asked(system)) {
      return null;
    }
    MemberCluster cluster = make.apply(n);
    String label = cluster.label();
    for (Measured m : earlier) {
      if (m != null && !m.converged() && !options.keepGoing) {
        return Measured.notRun(label, n, "not run: no figure at N = " + m.n() + " (--keep-going tries anyway)");
      }
    }
    // Past the limit the JVM itself fails: JFR cannot open its next chunk file and shuts the VM down
    // (seen with ScaleCube at N = 100), losing every row; so such a size is reported, not run.
    long fdsNeeded = cluster.descriptorsNeeded(n);
    long fdLimit = ProcessStats.maxFds();
    if (fdLimit > 0 && fdsNeeded > fdLimit * FD_HEADROOM) {
      return Measured.notRun(label, n, String.format(Locale.ROOT,
          "not run: %d members in one JVM hold about %,d file descriptors; this process may open %,d", n, fdsNeeded,
          fdLimit));
    }
    try {
      return run.measure(cluster, n);
    } catch (Exception | OutOfMemoryError | InternalError e) {
      // A row that says what broke is a result too; the next system and size still run.
      log("%s N=%d failed: %s", label, n, e);
      cluster.close();
      return new Measured(label, n, cluster.startMode(), null, null, null, null, null, null, java.util.Map.of(),
          ProcessStats.threads(), ProcessStats.openFds(), "failed: " + e);
    }
  }

  private String report(Double verifyPerCpuSecond) {
    List<Integer> sizes = options.nodes.subList(0, Math.max(hearsay.size(), scaleCube.size()));
    return ComparisonTable.render(sizes, hearsay, scaleCube) + "\n" + notes() + "\n"
        + Goals.render(sizes, hearsay, scaleCube, verifyPerCpuSecond);
  }

  private String notes() {
    return String.format(Locale.ROOT, """
        Notes: one JVM (%d MB max heap, %d processors, file descriptor limit %d), every member on 127.0.0.1; \
        each size runs hearsay, then ScaleCube, after an unmeasured warm-up cluster of each. \
        hearsay: LAN profile, default transport (TLS 1.3 with client certificates, ECDSA P-256), every claim signed \
        and verified, one seed, all nodes started at once. ScaleCube: ClusterConfig.defaultLanConfig(), its TCP \
        transport bound to 127.0.0.1 (plain TCP, Java serialization; it has no mutual TLS), one seed, members started \
        one at a time. Cold start counts from the first start until every member sees all N (hearsay: ALIVE; \
        ScaleCube: in members()). Dead: hearsay DEAD; ScaleCube removed (it exposes no suspicion). CPU is the \
        process's CPU time over a %d s steady window; bytes are JFR jdk.SocketWrite bytes over the same window \
        (TLS records and handshakes included), both divided by N. No TLS-off row: hearsay's transport has no \
        plaintext mode by design (a peer's identity is its TLS client certificate), and none is added for a \
        benchmark; what security costs is in the JMH figures (sign, verify, verify-cache hit) and the \
        verify-cache hit ratio above.
        """, Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(), ProcessStats.maxFds(),
        options.steadySeconds);
  }

  private void write(String report) throws java.io.IOException {
    if (options.out != null) {
      Files.writeString(options.out, report, StandardCharsets.UTF_8);
    }
  }
}
