package dev.hearsay.bench.micro;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Sign and verify rates per second of the benchmark thread's own CPU time (not wall time), so the
 * figure reads as "per core" even when other processes share the cores. Same fixtures as
 * {@link SignatureBenchmark}; warm-up first, then several rounds, median reported.
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar dev.hearsay.bench.micro.CpuTimeRates [warm-up s] [rounds] [round s]
 * </pre>
 */
public final class CpuTimeRates {
  private CpuTimeRates() {}

  public static void main(String[] args) {
    long warmupSeconds = args.length > 0 ? Long.parseLong(args[0]) : 15;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    long roundSeconds = args.length > 2 ? Long.parseLong(args[2]) : 3;
    SignatureBenchmark b = new SignatureBenchmark();
    b.setup();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    System.out.println("| operation | median per CPU-second of the thread | min – max over rounds | wall-clock rate (median) |");
    System.out.println("|---|---:|---:|---:|");
    report("ECDSA P-256 verify (BouncyCastle)", () -> b.verify() ? 1 : 0, threads, warmupSeconds, rounds, roundSeconds);
    report("ECDSA P-256 sign (BouncyCastle)", () -> b.sign().length, threads, warmupSeconds, rounds, roundSeconds);
    report("verify-cache hit (ClaimAuthenticator)", () -> b.verifyCacheHit().accepted() ? 1 : 0, threads, warmupSeconds, rounds,
        roundSeconds);
  }

  private static void report(String name, LongSupplier op, ThreadMXBean threads, long warmupSeconds, int rounds, long roundSeconds) {
    double[][] rates = rates(op, threads, warmupSeconds, rounds, roundSeconds);
    double[] perCpu = rates[0];
    System.out.printf(Locale.ROOT, "| %s | %,.0f /s | %,.0f – %,.0f | %,.0f /s |%n", name, perCpu[rounds / 2], perCpu[0],
        perCpu[rounds - 1], rates[1][rounds / 2]);
  }

  /**
   * Median ECDSA P-256 claim verifications per CPU-second of the measuring thread, for callers that
   * want the figure next to their own (warm-up first, then {@code rounds} rounds).
   */
  public static double medianVerifyPerCpuSecond(long warmupSeconds, int rounds, long roundSeconds) {
    SignatureBenchmark b = new SignatureBenchmark();
    b.setup();
    double[] perCpu = rates(() -> b.verify() ? 1 : 0, ManagementFactory.getThreadMXBean(), warmupSeconds, rounds,
        roundSeconds)[0];
    return perCpu[rounds / 2];
  }

  /** Per round: operations per CPU-second and per wall-clock second, each array sorted. */
  private static double[][] rates(LongSupplier op, ThreadMXBean threads, long warmupSeconds, int rounds, long roundSeconds) {
    long sink = run(op, warmupSeconds * 1_000_000_000L, threads)[2];
    double[] perCpu = new double[rounds];
    double[] perWall = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      long[] r = run(op, roundSeconds * 1_000_000_000L, threads);
      perCpu[i] = r[0] / (r[1] / 1e9);
      perWall[i] = r[0] / (roundSeconds * 1.0);
      sink += r[2];
    }
    java.util.Arrays.sort(perCpu);
    java.util.Arrays.sort(perWall);
    if (sink == 42) {
      System.out.print(""); // keeps the results observable, so the JIT cannot drop the operations
    }
    return new double[][] {perCpu, perWall};
  }

  /** Runs {@code op} for {@code wallNanos}; returns operations, thread CPU nanoseconds used, and a sink value. */
  private static long[] run(LongSupplier op, long wallNanos, ThreadMXBean threads) {
    long ops = 0;
    long sink = 0;
    long cpu0 = threads.getCurrentThreadCpuTime();
    long end = System.nanoTime() + wallNanos;
    while (System.nanoTime() < end) {
      sink += op.getAsLong();
      ops++;
    }
    long cpu = threads.getCurrentThreadCpuTime() - cpu0;
    return new long[] {ops, cpu, sink};
  }
}
