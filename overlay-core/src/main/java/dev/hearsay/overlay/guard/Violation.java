package dev.hearsay.overlay.guard;

import java.util.Locale;

/**
 * What a peer did wrong, and how many points of its score it costs. A score starts at 100 and
 * recovers with time, so the penalties say how much of each a peer may do before it is cut off:
 * an honest peer that bursts a little past a limit loses a few points and recovers in seconds; a
 * malformed frame (which also closes its connection) costs a fifth of the way to a ban.
 */
public enum Violation {
  /** A frame over the frames-per-second budget (dropped). */
  FRAME_RATE(1),
  /** A frame over the bytes-per-second budget (dropped). */
  BYTE_RATE(1),
  /** A message with more new claims than the claims-per-second budget holds (dropped). */
  CLAIM_RATE(2),
  /** A message with more of the peer's own accusations than its budget holds (dropped). */
  ACCUSATION_RATE(5),
  /** A message with claims while the peer's verification budget is spent (dropped). */
  VERIFICATION_RATE(2),
  /** A join request over the joins-per-minute budget (dropped). */
  JOIN_RATE(5),
  /** A frame sent while the peer's score is below the drop threshold (dropped). */
  WHILE_QUARANTINED(1),
  /** A claim the node refused (bad signature, wrong signer, unknown certificate, bad evidence). */
  INVALID_CLAIM(10),
  /** A frame that could not be decoded. */
  MALFORMED_FRAME(20),
  /**
   * A new connection, authenticated while the peer's score is still at or below the disconnect
   * threshold (closed at once). A flooder reconnects at once and is banned within a few tries; an
   * honest node redials after seconds, by which time its score has recovered past the threshold.
   */
  RECONNECT_WHILE_DISCONNECTED(5, "refused_disconnected_identity"),
  /**
   * As {@link #RECONNECT_WHILE_DISCONNECTED}, for the latest of several reconnects in a row, each at
   * once after a refusal: the peer ignores refusals, and is banned on the spot.
   */
  RECONNECT_AT_ONCE(100, "refused_reconnect_at_once");

  private final double penalty;
  private final String action;

  Violation(double penalty) {
    this(penalty, null);
  }

  Violation(double penalty, String action) {
    this.penalty = penalty;
    this.action = action;
  }

  public double penalty() {
    return penalty;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The guard action it is counted as: what became of the frame or connection ({@code dropped_...}
   * for a budget, {@code refused_disconnected_identity}), or the violation itself for a refused claim
   * or a malformed frame.
   */
  String action() {
    if (action != null) {
      return action;
    }
    return this == INVALID_CLAIM || this == MALFORMED_FRAME ? label() : "dropped_" + label();
  }
}
