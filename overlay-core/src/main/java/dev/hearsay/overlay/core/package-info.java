/**
 * The membership protocol as a pure state machine (sans I/O).
 *
 * <p>{@link dev.hearsay.overlay.core.MembershipCore} is one node. A runtime drives it with three kinds of
 * input, each carrying the current monotonic time in nanoseconds:
 *
 * <ul>
 *   <li>{@code onMessage(now, from, fromAddress, message, effects)}: a {@link dev.hearsay.overlay.core.Message}
 *       from an authenticated peer whose claims were already verified;
 *   <li>{@code onTimer(now, timer, effects)}: a {@link dev.hearsay.overlay.core.Timer} the core asked for;
 *   <li>operator and registry inputs: {@code start}, {@code leave}, {@code revoke}, {@code updateMetadata}.
 * </ul>
 *
 * <p>All output goes to {@link dev.hearsay.overlay.core.Effects}: messages to send to an address, timers to
 * set, and {@link dev.hearsay.overlay.core.MembershipEvent}s. Claims ({@link dev.hearsay.overlay.core.Alive},
 * {@link dev.hearsay.overlay.core.Suspect}, {@link dev.hearsay.overlay.core.Dead},
 * {@link dev.hearsay.overlay.core.Leave}, and the registry's {@link dev.hearsay.overlay.core.Revoked}) are
 * records with an opaque proof slot the core never reads and relays unchanged; their order is
 * {@link dev.hearsay.overlay.core.Precedence}. A member's metadata ({@link dev.hearsay.overlay.core.Meta},
 * signed the same way) is not piggybacked: a node pulls it from the member when the member's ALIVE names a
 * version it does not hold ({@link dev.hearsay.overlay.core.MemberPull}, {@link dev.hearsay.overlay.core.MemberPush}).
 *
 * <p>No class here reads a clock, starts a thread, opens a socket or uses global randomness; an ArchUnit
 * test enforces it.
 */
package dev.hearsay.overlay.core;
