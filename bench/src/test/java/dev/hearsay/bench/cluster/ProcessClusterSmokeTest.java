package dev.hearsay.bench.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.bench.BenchPki;
import dev.hearsay.bench.measure.Await;
import dev.hearsay.bench.measure.Deadline;
import dev.hearsay.bench.measure.SocketBytes;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Six real nodes spread over two host JVMs: they see each other across the processes, a crash in
 * one host is seen DEAD by the nodes of both, and costs come back from both (about 15 s).
 */
class ProcessClusterSmokeTest {

  @Test
  void nodesInTwoProcessesFormOneClusterAndSeeACrashAcrossThem() throws Exception {
    try (HostPool pool = HostPool.start(new BenchPki(), 2, "256m");
        ProcessCluster cluster = new ProcessCluster(pool, new HearsayCluster.Settings(1, false, 0, "local", 0, 0), "smoke")) {
      cluster.prepare(6);
      cluster.start(6, Deadline.in(Duration.ofSeconds(60)));
      assertEquals(6, cluster.started());
      Instant from = Instant.now();
      long converged = Await.until(() -> Arrays.stream(cluster.aliveCounts()).allMatch(a -> a == 6),
          Duration.ofSeconds(60), Duration.ofMillis(200), waited -> { });
      assertTrue(converged > 0, "views: " + Arrays.toString(cluster.aliveCounts()));
      assertEquals("smoke-4", cluster.name(4), "node 4 lives in the second host");

      cluster.crash(4);
      long dead = Await.until(() -> cluster.markedDead(4) == 5, Duration.ofSeconds(60), Duration.ofMillis(200), waited -> { });
      assertTrue(dead > 0, "marked DEAD by " + cluster.markedDead(4) + " of 5");
      assertArrayEquals(new int[] {5, 5, 5, 5, 0, 5}, cluster.aliveCounts());

      // Socket writes are counted in whole seconds of the window, once the hosts' JFR streams delivered them.
      SocketBytes.Window[] written = {null};
      Await.until(() -> {
        written[0] = cluster.socketBytes(from, Instant.now());
        return written[0].bytes() > 0 && written[0].writes() > 0;
      }, Duration.ofSeconds(30), Duration.ofMillis(500), waited -> { });
      assertTrue(written[0].bytes() > 0 && written[0].writes() > 0, "socket writes counted in the hosts: " + written[0]);
      assertTrue(cluster.cpuNanos() > 0);
      assertTrue(cluster.heapAfterGc() > 0);
      assertTrue(cluster.openFds() > 0);
      assertNotNull(cluster.verifyCacheHitRatio());
      assertEquals(28, cluster.descriptorsNeeded(8), "the fuller host's sockets: 4 nodes x 7 others");
    }
  }
}
