package dev.hearsay.overlay.sim;

import dev.hearsay.overlay.core.MembershipConfig;

/**
 * One simulation run: cluster size, scenario, seed and the protocol and network knobs. Durations are
 * nanoseconds of virtual time.
 *
 * @param nodes members in the cluster (for {@code join}: including the one that joins)
 * @param scenario what to run
 * @param seed drives every random choice; the same seed gives the same run
 * @param protocol the protocol configuration every node runs
 * @param loss packet loss on every link, 0..1
 * @param duplicate probability that a packet is delivered twice
 * @param minDelay one-way delay floor
 * @param jitter extra uniform delay on top of {@code minDelay} (reorders packets)
 * @param measureMemory force a GC around the cluster build to report bytes per view entry
 * @param duration how long the scenario's condition lasts (lossy: the loss; partition: the cut; accusers:
 *     the attack); 0 for the scenario's default
 */
public record SimulationConfig(
    int nodes,
    Scenario scenario,
    long seed,
    MembershipConfig protocol,
    double loss,
    double duplicate,
    long minDelay,
    long jitter,
    boolean measureMemory,
    long duration) {

  static final long MS = 1_000_000L;
  static final long S = 1_000 * MS;

  public SimulationConfig {
    if (nodes < 4) {
      throw new IllegalArgumentException("need at least 4 nodes, got " + nodes);
    }
    if (loss < 0 || loss >= 1 || duplicate < 0 || duplicate >= 1) {
      throw new IllegalArgumentException("loss and duplicate must be in [0, 1)");
    }
    if (minDelay < 0 || jitter < 0 || duration < 0) {
      throw new IllegalArgumentException("delays must not be negative");
    }
  }

  /** LAN defaults: 0.2 ms to 1.2 ms one-way delay, no loss, no duplication. */
  public static SimulationConfig of(int nodes, Scenario scenario, long seed) {
    return new SimulationConfig(nodes, scenario, seed, MembershipConfig.lan(), 0.0, 0.0, 200_000L,
        1_000_000L, false, 0L);
  }

  public SimulationConfig withProtocol(MembershipConfig p) {
    return new SimulationConfig(nodes, scenario, seed, p, loss, duplicate, minDelay, jitter, measureMemory, duration);
  }

  public SimulationConfig withLoss(double l) {
    return new SimulationConfig(nodes, scenario, seed, protocol, l, duplicate, minDelay, jitter, measureMemory, duration);
  }

  public SimulationConfig withDuplicate(double d) {
    return new SimulationConfig(nodes, scenario, seed, protocol, loss, d, minDelay, jitter, measureMemory, duration);
  }

  public SimulationConfig withDuration(long d) {
    return new SimulationConfig(nodes, scenario, seed, protocol, loss, duplicate, minDelay, jitter, measureMemory, d);
  }

  /** The scenario's duration, or {@code defaultDuration} if none was set. */
  public long durationOr(long defaultDuration) {
    return duration > 0 ? duration : defaultDuration;
  }

  public SimulationConfig withMeasureMemory(boolean m) {
    return new SimulationConfig(nodes, scenario, seed, protocol, loss, duplicate, minDelay, jitter, m, duration);
  }
}
