/**
 * A seeded discrete-event simulator that runs many {@link dev.hearsay.overlay.core.MembershipCore}s on one
 * virtual clock over a virtual network (loss, delay, jitter, duplication, partitions).
 *
 * <p>Entry point: {@link dev.hearsay.overlay.sim.ScenarioRunner#run(SimulationConfig)} with a
 * {@link dev.hearsay.overlay.sim.SimulationConfig}; it returns a {@link dev.hearsay.overlay.sim.ScenarioResult}
 * ({@code toJson()}, {@code toText()}). The same seed gives the same run. Every membership event is checked
 * against the protocol invariants as it happens; a violation stops the run with an
 * {@link dev.hearsay.overlay.sim.InvariantViolation} naming the seed and the event.
 */
package dev.hearsay.overlay.sim;
