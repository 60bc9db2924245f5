package dev.hearsay.overlay.core;

/**
 * Tunables of the protocol. Durations are nanoseconds. {@link #lan()} gives the defaults for a LAN overlay.
 *
 * @param probeInterval time between two probes of this node (before awareness scaling)
 * @param probeTimeout time to wait for a direct ACK before asking helpers
 * @param indirectChecks number of ping-req helpers
 * @param gossipInterval time between two gossip pushes
 * @param fanout peers contacted per gossip push
 * @param pushPullInterval base anti-entropy interval (scaled with the cluster size)
 * @param retransmitMult λ in the retransmit limit λ·ceil(log10(N+1))
 * @param suspicionMult multiplier of the minimum suspicion timeout, in probe intervals per log10(N)
 * @param suspicionMaxMult the suspicion starts at this multiple of the minimum
 * @param quorum k, the distinct accusers needed before a member may be declared DEAD
 * @param maxMessageBytes byte budget for the claims of one gossip or probe message
 * @param awarenessMax local-health score ceiling (timeouts stretch up to this factor)
 * @param accusationBurst accusations accepted from one accuser in a burst
 * @param tombstoneTtl how long DEAD and LEFT entries are kept before being forgotten
 * @param joinRetry time to wait for a seed's answer before trying the next seed
 * @param rejoinBackoff base flap-damping delay before a member refutes its second and later deaths
 * @param rejoinBackoffCap the longest flap-damping delay
 */
public record MembershipConfig(
    long probeInterval,
    long probeTimeout,
    int indirectChecks,
    long gossipInterval,
    int fanout,
    long pushPullInterval,
    int retransmitMult,
    double suspicionMult,
    double suspicionMaxMult,
    int quorum,
    int maxMessageBytes,
    int awarenessMax,
    int accusationBurst,
    long tombstoneTtl,
    long joinRetry,
    long rejoinBackoff,
    long rejoinBackoffCap) {

  private static final long MS = 1_000_000L;
  private static final long S = 1_000 * MS;

  public MembershipConfig {
    if (probeInterval <= 0 || probeTimeout <= 0 || probeTimeout >= probeInterval) {
      throw new IllegalArgumentException("need 0 < probeTimeout < probeInterval");
    }
    if (gossipInterval <= 0 || pushPullInterval <= 0 || fanout < 1 || indirectChecks < 0) {
      throw new IllegalArgumentException("gossip interval, push-pull interval and fanout must be positive");
    }
    if (quorum < 1 || retransmitMult < 1 || awarenessMax < 1 || accusationBurst < 1) {
      throw new IllegalArgumentException("quorum, retransmitMult, awarenessMax and accusationBurst must be >= 1");
    }
    if (suspicionMult <= 0 || suspicionMaxMult < 1) {
      throw new IllegalArgumentException("suspicionMult > 0 and suspicionMaxMult >= 1 required");
    }
    if (tombstoneTtl < 4) {
      throw new IllegalArgumentException("tombstoneTtl must be at least 4 ns (DEAD and LEFT entries are reaped every quarter of it)");
    }
    if (maxMessageBytes < 512) {
      throw new IllegalArgumentException("maxMessageBytes must be at least 512");
    }
  }

  /** LAN defaults: probe every 1 s, gossip every 200 ms to 3 peers, k = 2. */
  public static MembershipConfig lan() {
    return new MembershipConfig(
        1 * S, 500 * MS, 3, 200 * MS, 3, 30 * S, 4, 0.5, 3.0, 2, 1400, 8, 2, 10 * 60 * S, 1 * S, 30 * S,
        10 * 60 * S);
  }

  public MembershipConfig withProbeInterval(long interval) {
    long timeout = Math.min(probeTimeout, interval / 2);
    return new MembershipConfig(interval, timeout, indirectChecks, gossipInterval, fanout, pushPullInterval,
        retransmitMult, suspicionMult, suspicionMaxMult, quorum, maxMessageBytes, awarenessMax,
        accusationBurst, tombstoneTtl, joinRetry, rejoinBackoff, rejoinBackoffCap);
  }

  public MembershipConfig withGossip(long interval, int newFanout) {
    return new MembershipConfig(probeInterval, probeTimeout, indirectChecks, interval, newFanout,
        pushPullInterval, retransmitMult, suspicionMult, suspicionMaxMult, quorum, maxMessageBytes,
        awarenessMax, accusationBurst, tombstoneTtl, joinRetry, rejoinBackoff, rejoinBackoffCap);
  }

  public MembershipConfig withQuorum(int k) {
    return new MembershipConfig(probeInterval, probeTimeout, indirectChecks, gossipInterval, fanout,
        pushPullInterval, retransmitMult, suspicionMult, suspicionMaxMult, k, maxMessageBytes, awarenessMax,
        accusationBurst, tombstoneTtl, joinRetry, rejoinBackoff, rejoinBackoffCap);
  }

  public MembershipConfig withSuspicion(double mult, double maxMult) {
    return new MembershipConfig(probeInterval, probeTimeout, indirectChecks, gossipInterval, fanout,
        pushPullInterval, retransmitMult, mult, maxMult, quorum, maxMessageBytes, awarenessMax,
        accusationBurst, tombstoneTtl, joinRetry, rejoinBackoff, rejoinBackoffCap);
  }

  public MembershipConfig withPushPullInterval(long interval) {
    return new MembershipConfig(probeInterval, probeTimeout, indirectChecks, gossipInterval, fanout, interval,
        retransmitMult, suspicionMult, suspicionMaxMult, quorum, maxMessageBytes, awarenessMax,
        accusationBurst, tombstoneTtl, joinRetry, rejoinBackoff, rejoinBackoffCap);
  }

  /** The same tunables, keeping DEAD and LEFT entries for {@code ttl} before forgetting them. */
  public MembershipConfig withTombstoneTtl(long ttl) {
    return new MembershipConfig(probeInterval, probeTimeout, indirectChecks, gossipInterval, fanout, pushPullInterval,
        retransmitMult, suspicionMult, suspicionMaxMult, quorum, maxMessageBytes, awarenessMax,
        accusationBurst, ttl, joinRetry, rejoinBackoff, rejoinBackoffCap);
  }

  /** Minimum suspicion for a view of {@code n} members. */
  public long suspicionMin(int n) {
    return Formulas.suspicionMinTimeout(suspicionMult, n, probeInterval);
  }

  /** Starting (maximum) suspicion for a view of {@code n} members. */
  public long suspicionMax(int n) {
    return (long) (suspicionMaxMult * suspicionMin(n));
  }

  /** Independent confirmations after which the suspicion reaches its minimum. */
  public int expectedConfirmations() {
    return quorum + 1;
  }
}
