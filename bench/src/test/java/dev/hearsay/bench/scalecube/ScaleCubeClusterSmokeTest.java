package dev.hearsay.bench.scalecube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.bench.measure.Await;
import dev.hearsay.bench.measure.Deadline;
import dev.hearsay.bench.measure.SocketBytes;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Three ScaleCube members on the loopback transport, on the Netty this build puts on the classpath. */
class ScaleCubeClusterSmokeTest {

  @Test
  void threeMembersConvergeOnLoopbackAndTheirBytesAreCounted() throws Exception {
    try (SocketBytes bytes = new SocketBytes(); ScaleCubeCluster cluster = new ScaleCubeCluster()) {
      bytes.start();
      cluster.start(3, Deadline.in(Duration.ofSeconds(30)));
      assertEquals(3, cluster.started());

      long converged = Await.until(() -> Arrays.stream(cluster.aliveCounts()).allMatch(c -> c == 3),
          Duration.ofSeconds(30), Duration.ofMillis(100), waited -> {});
      assertTrue(converged > 0, "3 members did not all see 3 within 30 s: " + Arrays.toString(cluster.aliveCounts()));
      assertTrue(cluster.addresses().stream().allMatch(a -> a.host().equals("127.0.0.1")),
          "members advertise " + cluster.addresses());

      // Members ping every second: bytes must show up, or JFR is not seeing ScaleCube's sockets.
      long before = bytes.totalBytes();
      long counted = Await.until(() -> bytes.totalBytes() > before, Duration.ofSeconds(15), Duration.ofMillis(100), waited -> {});
      assertTrue(counted > 0, "no socket bytes counted for ScaleCube within 15 s");
    }
  }
}
