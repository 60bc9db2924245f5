package dev.hearsay.bench.measure;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** Threads and file descriptors of this process: what limits how many members fit in one JVM. */
public final class ProcessStats {
  private static final OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();

  private ProcessStats() {}

  public static int threads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }

  /** Open file descriptors; -1 when unknown (counting needs a descriptor itself, which may have run out). */
  public static long openFds() {
    try {
      return OS instanceof UnixOperatingSystemMXBean u ? u.getOpenFileDescriptorCount() : -1;
    } catch (InternalError | RuntimeException e) {
      return -1;
    }
  }

  /** CPU time this process has used so far (all threads), in nanoseconds; -1 when unknown. */
  public static long cpuNanos() {
    return OS instanceof com.sun.management.OperatingSystemMXBean o ? o.getProcessCpuTime() : -1;
  }

  /** The per-process file descriptor limit; -1 when unknown. */
  public static long maxFds() {
    return OS instanceof UnixOperatingSystemMXBean u ? u.getMaxFileDescriptorCount() : -1;
  }
}
