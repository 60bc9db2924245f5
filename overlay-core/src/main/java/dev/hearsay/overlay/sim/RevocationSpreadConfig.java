package dev.hearsay.overlay.sim;

import dev.hearsay.overlay.core.Formulas;
import dev.hearsay.overlay.core.MembershipConfig;

/**
 * One run of the revocation spread simulation. Times are nanoseconds.
 *
 * @param nodes members, all in one converged view
 * @param seed decides everything random: phases, peer choices, loss, delays
 * @param reachable how many members reach the registry (the first ones); the others only hear gossip
 * @param publishes revocations published, one every {@code spacing}
 * @param spacing time between two publishes
 * @param membership gossip interval, fanout, λ and the push-pull interval (scaled with {@code nodes})
 * @param loss packet loss on every link, 0..1
 * @param minDelay one-way delay floor
 * @param jitter extra uniform delay on top of {@code minDelay}
 * @param horizon how long after the last publish the run may go on before it gives up
 */
public record RevocationSpreadConfig(
    int nodes,
    long seed,
    int reachable,
    int publishes,
    long spacing,
    MembershipConfig membership,
    double loss,
    long minDelay,
    long jitter,
    long horizon) {

  private static final long MS = 1_000_000L;
  private static final long S = 1_000 * MS;

  public RevocationSpreadConfig {
    if (nodes < 2 || reachable < 1 || reachable > nodes || publishes < 1) {
      throw new IllegalArgumentException("need 2+ nodes, 1 to nodes reaching the registry, 1+ publishes");
    }
    if (spacing <= 0 || horizon <= 0 || minDelay < 0 || jitter < 0 || loss < 0 || loss >= 1) {
      throw new IllegalArgumentException("spacing and horizon positive, delays non-negative, loss in [0, 1)");
    }
  }

  /**
   * The registry reachable by one node; 3 publishes 10 s apart; LAN gossip; no loss, 0.2 to 1.2 ms
   * delay; a horizon of one scaled push-pull interval plus 60 s. The pushes after an entry is accepted
   * reach nearly everyone (a member is missed by all of them with a chance of about e^-12 at LAN
   * settings); the head exchanged with every push-pull is what makes sure the rest catch up, so the
   * run lasts long enough for one.
   */
  public static RevocationSpreadConfig of(int nodes, long seed) {
    MembershipConfig lan = MembershipConfig.lan();
    long horizon = Formulas.pushPullInterval(lan.pushPullInterval(), nodes) + 60 * S;
    return new RevocationSpreadConfig(nodes, seed, 1, 3, 10 * S, lan, 0.0, 200_000L, 1_000_000L, horizon);
  }

  public RevocationSpreadConfig withReachable(int r) {
    return new RevocationSpreadConfig(nodes, seed, r, publishes, spacing, membership, loss, minDelay, jitter, horizon);
  }

  public RevocationSpreadConfig withPublishes(int p) {
    return new RevocationSpreadConfig(nodes, seed, reachable, p, spacing, membership, loss, minDelay, jitter, horizon);
  }

  public RevocationSpreadConfig withLoss(double l) {
    return new RevocationSpreadConfig(nodes, seed, reachable, publishes, spacing, membership, l, minDelay, jitter, horizon);
  }

  public RevocationSpreadConfig withDelay(long min, long extra) {
    return new RevocationSpreadConfig(nodes, seed, reachable, publishes, spacing, membership, loss, min, extra, horizon);
  }
}
