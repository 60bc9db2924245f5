package dev.hearsay.overlay.sim;

/** A simulated view broke a protocol invariant. The message names the seed and the event, to replay it. */
public final class InvariantViolation extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final long seed;

  public InvariantViolation(long seed, String what) {
    super("invariant violated (seed " + seed + "): " + what);
    this.seed = seed;
  }

  public long seed() {
    return seed;
  }
}
