package dev.hearsay.bench.scalecube;

import static dev.hearsay.bench.measure.BenchLog.log;

import dev.hearsay.bench.cluster.MemberCluster;
import dev.hearsay.bench.measure.Deadline;
import io.scalecube.cluster.Cluster;
import io.scalecube.cluster.ClusterConfig;
import io.scalecube.cluster.ClusterImpl;
import io.scalecube.cluster.ClusterMath;
import io.scalecube.net.Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * N ScaleCube cluster members in this JVM on 127.0.0.1, with {@link ClusterConfig#defaultLanConfig()}
 * (ping 1 s, ping timeout 500 ms, 3 ping-req members, gossip 200 ms to 3, suspicion multiplier 5,
 * sync every 30 s) and its plain TCP transport (no TLS; Java serialization), all seeded with the first.
 *
 * <p>Members are started one at a time, each waiting for its first sync with the seed: that is how
 * ScaleCube's own examples start members, and starting them all at once collapsed even at 50 members
 * on this machine kind (see the bench README).
 */
public final class ScaleCubeCluster implements MemberCluster {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

  private final ClusterConfig config = ClusterConfig.defaultLanConfig();
  private final List<Cluster> members = new ArrayList<>();
  private final List<LoopbackTcpTransportFactory> transports = new ArrayList<>();
  private final List<Boolean> crashed = new ArrayList<>();

  @Override
  public String label() {
    return "ScaleCube 2.6.17 (plain TCP)";
  }

  @Override
  public String startMode() {
    return "one at a time";
  }

  @Override
  public void start(int n, Deadline deadline) {
    Address seed = null;
    for (int i = 0; i < n; i++) {
      if (deadline.expired()) {
        log("starting took too long; gave up after %d of %d members", i, n);
        return;
      }
      if (i > 0 && i % 50 == 0) {
        log("  %d of %d members started", i, n);
      }
      LoopbackTcpTransportFactory transport = new LoopbackTcpTransportFactory();
      Address seeds = seed;
      ClusterImpl member = new ClusterImpl(config)
          .transportFactory(() -> transport)
          .membership(m -> seeds == null ? m : m.seedMembers(seeds));
      Duration wait = START_TIMEOUT.compareTo(deadline.remaining()) < 0 ? START_TIMEOUT : deadline.remaining();
      Cluster started;
      try {
        started = member.start().block(wait.plusMillis(1));
      } catch (RuntimeException e) {
        log("member %d of %d did not start within %d ms (%s); not starting more", i + 1, n, wait.toMillis(), e);
        member.shutdown();
        return;
      }
      members.add(started);
      transports.add(transport);
      crashed.add(false);
      if (seed == null) {
        seed = started.address();
      }
    }
  }

  @Override
  public int started() {
    return members.size();
  }

  /** The address each started member advertises. */
  public List<Address> addresses() {
    return members.stream().map(Cluster::address).toList();
  }

  @Override
  public int[] aliveCounts() {
    int[] counts = new int[members.size()];
    for (int i = 0; i < members.size(); i++) {
      // members() holds the member itself and every member it has not removed (alive or suspected;
      // ScaleCube does not expose suspicion).
      counts[i] = crashed.get(i) ? 0 : members.get(i).members().size();
    }
    return counts;
  }

  @Override
  public void crash(int index) {
    // The transport first: from then on the member can neither send nor receive, so the LEAVE that
    // shutdown() gossips cannot get out. shutdown() then stops its timers, which would otherwise keep
    // trying to send through the stopped transport. As close to kill -9 as one JVM allows.
    crashed.set(index, true);
    transports.get(index).created().stop().block(Duration.ofSeconds(10));
    members.get(index).shutdown();
  }

  @Override
  public int markedDead(int index) {
    String id = members.get(index).member().id();
    int removed = 0;
    for (int i = 0; i < members.size(); i++) {
      if (i != index && !crashed.get(i) && members.get(i).member(id).isEmpty()) {
        removed++;
      }
    }
    return removed;
  }

  /**
   * Measured: 5,115 at N = 50. Each member keeps its own outbound connection to every member it sends
   * to, so a pair of members holds two connections, each with two ends in this JVM.
   */
  @Override
  public long descriptorsNeeded(int n) {
    return 2L * n * (n - 1);
  }

  @Override
  public Duration detectionBound(int n) {
    long suspicion = ClusterMath.suspicionTimeout(config.membershipConfig().suspicionMult(), n,
        config.failureDetectorConfig().pingInterval());
    return Duration.ofMillis(suspicion).plusSeconds(30);
  }

  /** Shuts every member down (graceful leave included) and waits for all of them, within 60 s. */
  @Override
  public void close() {
    members.forEach(Cluster::shutdown);
    List<Mono<Void>> done = members.stream().map(Cluster::onShutdown).toList();
    try {
      Mono.whenDelayError(done).block(Duration.ofSeconds(60));
    } catch (RuntimeException e) {
      log("closing ScaleCube members: %s", e);
    } finally {
      members.clear();
      transports.clear();
      crashed.clear();
    }
  }
}
