/**
 * The peer guard: what one peer may cost this node. Per authenticated identity it holds token
 * buckets (frames, bytes, new claims, accusations, signature verifications) sized from the policy's
 * {@link dev.hearsay.authz.RateLimits}, and a score that falls with violations and recovers with
 * time; below the score's thresholds a peer's frames are dropped, then its connections closed, then
 * its identity banned for a time that doubles with each ban; reconnecting while disconnected or
 * banned is refused right after the handshake. Before the handshake it limits each source address
 * (connection attempts, failed handshakes, handshakes of refused identities), and holds connections
 * from a banned address unread for a while (a tarpit) rather than closing them at once. When the
 * node itself is overloaded it stops reading from the noisiest peers first.
 *
 * <p>Every action is counted by reason ({@code hearsay.guard.actions}) and logged at a bounded rate.
 */
package dev.hearsay.overlay.guard;
