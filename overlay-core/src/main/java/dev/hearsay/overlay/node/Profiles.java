package dev.hearsay.overlay.node;

import dev.hearsay.overlay.core.MembershipConfig;
import java.util.Locale;

/**
 * Tuning presets in the spirit of memberlist's: {@code lan} (the default), {@code wan} (slower,
 * lossier links: longer probe interval and timeout, more patience before suspicion ends) and
 * {@code local} (one host or a fast rack: quicker probes and gossip).
 */
public final class Profiles {
  private static final long MS = 1_000_000L;
  private static final long S = 1_000 * MS;

  private Profiles() {}

  public static MembershipConfig named(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "lan" -> MembershipConfig.lan();
      case "wan" -> with(MembershipConfig.lan(), 5 * S, 3 * S, 500 * MS, 4, 60 * S, 0.75);
      case "local" -> with(MembershipConfig.lan(), 1 * S, 200 * MS, 100 * MS, 3, 15 * S, 0.5);
      default -> throw new IllegalArgumentException("unknown profile '" + name + "' (expected lan, wan or local)");
    };
  }

  private static MembershipConfig with(
      MembershipConfig base, long probe, long probeTimeout, long gossip, int fanout, long pushPull, double suspicionMult) {
    return new MembershipConfig(probe, probeTimeout, base.indirectChecks(), gossip, fanout, pushPull,
        base.retransmitMult(), suspicionMult, base.suspicionMaxMult(), base.quorum(), base.maxMessageBytes(),
        base.awarenessMax(), base.accusationBurst(), base.tombstoneTtl(), base.joinRetry(), base.rejoinBackoff(),
        base.rejoinBackoffCap());
  }

  /**
   * An upper bound on the time from a crash to every other node marking it DEAD, for a view of
   * {@code n} members: the crashed node is probed within {@code n} probe intervals (randomized
   * round robin), the probe times out, the suspicion runs its longest course, and the DEAD claim
   * spreads in about twice the retransmit rounds.
   */
  public static long detectionBound(MembershipConfig c, int n) {
    double rounds = Math.ceil(Math.log10(n + 1.0)) * c.retransmitMult();
    return n * c.probeInterval() + c.probeTimeout() + c.suspicionMax(n) + (long) (2 * rounds * c.gossipInterval());
  }
}
