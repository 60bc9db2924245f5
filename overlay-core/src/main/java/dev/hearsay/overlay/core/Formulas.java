package dev.hearsay.overlay.core;

/**
 * Every timing and budget formula of the protocol, as named pure functions so each has a table test.
 * Durations are nanoseconds.
 */
public final class Formulas {

  private Formulas() {}

  /**
   * A suspected member gets at least this many probe intervals to hear of it and refute before anyone
   * may declare it DEAD: a member stalled for a few seconds (a GC pause, a paused VM, a busy host)
   * must come back ALIVE, not DEAD. memberlist's LAN default gives the same at small clusters.
   */
  public static final double MIN_SUSPICION_PROBES = 4;

  /**
   * The shortest suspicion a member may run before declaring: {@code mult · max(1, log10 n) · probeInterval}
   * (memberlist's {@code suspicionTimeout}), and never less than {@link #MIN_SUSPICION_PROBES} probe
   * intervals. Grows slowly with the cluster so a refutation has time to spread.
   */
  public static long suspicionMinTimeout(double mult, int n, long probeInterval) {
    double nodeScale = Math.max(1.0, Math.log10(Math.max(1.0, n)));
    return (long) Math.floor(Math.max(MIN_SUSPICION_PROBES, mult * nodeScale) * probeInterval);
  }

  /**
   * Lifeguard's shrinking suspicion: starts at {@code max} with no independent confirmation and falls toward
   * {@code min} as {@code confirmations} (accusers beyond the first) reach {@code expected}:
   * {@code max − (max − min) · log(c + 1) / log(expected + 1)}, never below {@code min}.
   */
  public static long suspicionTimeout(int confirmations, int expected, long min, long max) {
    if (expected <= 0 || confirmations >= expected) {
      return min;
    }
    double frac = Math.log(confirmations + 1.0) / Math.log(expected + 1.0);
    long raw = (long) Math.floor(max - frac * (max - min));
    return Math.max(min, raw);
  }

  /** How many times a node sends one claim: {@code mult · ceil(log10(n + 1))} (memberlist's retransmitLimit). */
  public static int retransmitLimit(int mult, int n) {
    return mult * (int) Math.ceil(Math.log10(n + 1.0));
  }

  /** Local-health awareness (Lifeguard): a node that is itself slow waits {@code score + 1} times longer. */
  public static long awarenessScaledTimeout(long base, int score) {
    return base * (score + 1L);
  }

  /** A helper answers NACK after this long without an ACK from the target: 80 % of the probe timeout. */
  public static long nackTimeout(long probeTimeout) {
    return probeTimeout * 8 / 10;
  }

  /**
   * Push-pull interval scaled with the cluster so the anti-entropy load per node stays flat: the base up to
   * 32 members, then one more base interval per doubling (memberlist's {@code pushPullScale}).
   */
  public static long pushPullInterval(long base, int n) {
    if (n <= 32) {
      return base;
    }
    double multiplier = Math.ceil(Math.log(n) / Math.log(2) - Math.log(32) / Math.log(2)) + 1.0;
    return (long) (base * multiplier);
  }

  /** How many times the join retry interval doubles at most: 1, 2, 4, then 8 intervals apart. */
  public static final int JOIN_RETRY_DOUBLINGS = 3;

  /**
   * How long to wait after the {@code attempts}-th join request (through {@code seeds} seeds, asked in
   * turn) before the next: one {@code base} interval through the first round of seeds, then doubling
   * each round up to {@code 8 · base}. A seed that is slow to answer is not asked every second for
   * ever: the member default of 10 joins a minute per identity would turn such a joiner away, and then
   * ban it, while the seed is merely busy.
   */
  public static long joinRetryDelay(int attempts, int seeds, long base) {
    int round = Math.max(0, attempts / Math.max(1, seeds) - 1);
    return base << Math.min(round, JOIN_RETRY_DOUBLINGS);
  }

  /**
   * Flap damping for a member that finds itself declared DEAD: the first time it refutes at once, after that
   * it waits {@code base · 2^(deaths − 2)}, capped at {@code cap}, so a member that keeps failing stays
   * removed for longer and longer instead of flapping.
   */
  public static long rejoinBackoff(int deaths, long base, long cap) {
    return deaths <= 1 ? 0 : doubled(base, Math.min(deaths - 2, 20), cap);
  }

  /**
   * {@code base · 2^doublings}, at most {@code cap} (also when the product would overflow): the wait of
   * every back-off that doubles, such as bans and redials.
   */
  public static long doubled(long base, int doublings, long cap) {
    int shift = Math.min(Math.max(doublings, 0), 62);
    long value = base << shift;
    return value <= 0 || value > cap || (value >> shift) != base ? cap : value;
  }
}
