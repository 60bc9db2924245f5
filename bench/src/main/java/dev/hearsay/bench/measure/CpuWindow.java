package dev.hearsay.bench.measure;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Instant;

/**
 * Process CPU time over a span of wall-clock time. It is the whole JVM's CPU (every thread, the
 * JIT, GC and the benchmark's own JFR stream included): what a cluster in this JVM costs the machine.
 */
public final class CpuWindow {
  /** What one window measured; {@code from}/{@code to} let socket bytes be asked for the same span. */
  public record Span(double cpuSeconds, double wallSeconds, Instant from, Instant to) {
    /** CPU seconds per member per minute of wall-clock time. */
    public double cpuPerMemberPerMinute(int members) {
      return cpuSeconds / members / (wallSeconds / 60.0);
    }
  }

  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final long cpu0;
  private final long wall0;
  private final Instant from;

  private final java.util.function.LongSupplier cpuNanos;

  private CpuWindow(java.util.function.LongSupplier cpuNanos) {
    this.cpuNanos = cpuNanos;
    this.from = Instant.now();
    this.cpu0 = cpuNanos.getAsLong();
    this.wall0 = System.nanoTime();
  }

  public static CpuWindow start() {
    return new CpuWindow(OS::getProcessCpuTime);
  }

  /** A window over the CPU time {@code cpuNanos} reports (e.g. summed over several processes). */
  public static CpuWindow start(java.util.function.LongSupplier cpuNanos) {
    return new CpuWindow(cpuNanos);
  }

  public Span stop() {
    long cpu1 = cpuNanos.getAsLong();
    long wall1 = System.nanoTime();
    return new Span((cpu1 - cpu0) / 1e9, (wall1 - wall0) / 1e9, from, Instant.now());
  }
}
