package dev.hearsay.bench.cluster;

import dev.hearsay.bench.measure.SocketBytes;
import java.time.Instant;
import java.util.Map;

/**
 * A hearsay cluster as the cluster benchmark measures it, wherever its nodes run (this JVM or
 * several host processes): views, crash detection, and what the processes holding the nodes cost.
 */
public interface MeasuredCluster extends MemberCluster {

  /** The name of member {@code index} (its certificate's node name). */
  String name(int index);

  /** How many of the other, running members show member {@code index} SUSPECT or DEAD. */
  int markedSuspectOrDead(int index);

  /** Median over nodes of each node's verify-cache hit ratio; null if none reported one. */
  Double verifyCacheHitRatio();

  /** Claims and frames rejected, by meter and reason, summed over nodes. */
  Map<String, Double> rejectionsByReason();

  /** Claims and frames rejected, summed over nodes. */
  default long rejections() {
    return Math.round(rejectionsByReason().values().stream().mapToDouble(Double::doubleValue).sum());
  }

  /** Logs, for each node that does not see {@code n} members ALIVE, whom it misses. */
  void logStragglers(int n);

  /** CPU time the processes holding the nodes have used so far, in nanoseconds. */
  long cpuNanos();

  /** Bytes those processes wrote to TCP sockets in the window. */
  SocketBytes.Window socketBytes(Instant from, Instant to) throws InterruptedException;

  /** Heap those processes use after a garbage collection, summed. */
  long heapAfterGc() throws InterruptedException;

  /** Threads of those processes, summed. */
  int threads();

  /** Open file descriptors of those processes, summed (-1 when unknown). */
  long openFds();
}
