package dev.hearsay.overlay.sim;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The simulated network: per-link loss (the global rate combined with each end's own), uniform delay with
 * jitter (which reorders packets), duplication, and a partition into groups that cannot reach each other.
 */
final class VirtualNetwork {

  private final SplittableRandom rng;
  private final double loss;
  private final double duplicate;
  private final long minDelay;
  private final long jitter;
  private final double[] nodeLoss;
  private final int[] group;
  private final Map<Long, Double> linkLoss = new HashMap<>();
  private boolean partitioned;

  VirtualNetwork(long seed, int nodes, double loss, double duplicate, long minDelay, long jitter) {
    this.rng = new SplittableRandom(seed);
    this.loss = loss;
    this.duplicate = duplicate;
    this.minDelay = minDelay;
    this.jitter = jitter;
    this.nodeLoss = new double[nodes];
    this.group = new int[nodes];
  }

  void setNodeLoss(int node, double p) {
    nodeLoss[node] = p;
  }

  /** Loss on the directed link {@code from -> to}, on top of the global and per-node rates. */
  void setLinkLoss(int from, int to, double p) {
    linkLoss.put(((long) from << 32) | (to & 0xffffffffL), p);
  }

  void setGroup(int node, int g) {
    group[node] = g;
  }

  void setPartitioned(boolean p) {
    partitioned = p;
  }

  /** True if a packet from {@code from} to {@code to} is lost. */
  boolean drops(int from, int to) {
    if (partitioned && group[from] != group[to]) {
      return true;
    }
    double pass = (1 - loss) * (1 - nodeLoss[from]) * (1 - nodeLoss[to]);
    if (!linkLoss.isEmpty()) {
      pass *= 1 - linkLoss.getOrDefault(((long) from << 32) | (to & 0xffffffffL), 0.0);
    }
    return pass < 1.0 && rng.nextDouble() >= pass;
  }

  long delay() {
    return minDelay + (jitter > 0 ? rng.nextLong(jitter) : 0);
  }

  boolean duplicates() {
    return duplicate > 0 && rng.nextDouble() < duplicate;
  }
}
