package dev.hearsay.overlay.core;

/**
 * A timer the core asked for; the driver hands it back to {@link MembershipCore#onTimer} when due. Timers are
 * never cancelled: a stale one is recognised by its sequence number or subject and ignored.
 */
public record Timer(Kind kind, long seq, MemberId subject) {

  /** What a timer is for. */
  public enum Kind {
    /** Start the next probe (and judge the previous one). */
    PROBE,
    /** The direct ping went unanswered: ask helpers. */
    PROBE_TIMEOUT,
    /** As a ping-req helper: no ack from the target in time, send a NACK. */
    HELPER_NACK,
    /** Push claims to random peers. */
    GOSSIP,
    /** Anti-entropy with one peer. */
    PUSH_PULL,
    /** A suspicion may have run out. */
    SUSPICION,
    /** No answer from the seed yet: try the next one. */
    JOIN_RETRY,
    /** Refute a DEAD declaration after the flap-damping back-off. */
    REJOIN,
    /** Drop expired tombstones. */
    REAP
  }

  static final Timer PROBE = new Timer(Kind.PROBE, 0, null);
  static final Timer GOSSIP = new Timer(Kind.GOSSIP, 0, null);
  static final Timer PUSH_PULL = new Timer(Kind.PUSH_PULL, 0, null);
  static final Timer JOIN_RETRY = new Timer(Kind.JOIN_RETRY, 0, null);
  static final Timer REJOIN = new Timer(Kind.REJOIN, 0, null);
  static final Timer REAP = new Timer(Kind.REAP, 0, null);
}
