package dev.hearsay.overlay.core;

/**
 * The liveness status a claim asserts. {@link #rank()} orders statuses at equal incarnation: DEAD and LEFT
 * (both terminal for that incarnation) beat SUSPECT, which beats ALIVE. REVOKED comes from the registry, not
 * from gossip, and beats everything at any incarnation.
 */
public enum Status {
  ALIVE(0),
  SUSPECT(1),
  DEAD(2),
  LEFT(2),
  REVOKED(3);

  private final int rank;

  Status(int rank) {
    this.rank = rank;
  }

  public int rank() {
    return rank;
  }

  /** True for statuses that remove a member from probing and gossip targets. */
  public boolean isGone() {
    return rank >= 2;
  }
}
