package dev.hearsay.overlay.core;

/**
 * Who may accuse whom, as the overlay's policy says. The layer around the core refuses unauthorized
 * accusations from others before the core sees them; this lets the core hold itself to the same
 * rule, so it never accuses, nor declares DEAD, a member it may not accuse.
 */
@FunctionalInterface
public interface AccusationPolicy {
  /** Every member may accuse every other one (the simulator, and overlays without a policy). */
  AccusationPolicy ANYONE = (accuser, subject) -> true;

  boolean mayAccuse(MemberId accuser, MemberId subject);
}
