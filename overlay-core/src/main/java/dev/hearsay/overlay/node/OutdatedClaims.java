package dev.hearsay.overlay.node;

import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.core.Messages;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Function;

/**
 * Counts claims that arrive older than what this node already holds about their subject (lower
 * incarnation, or the same incarnation with a weaker status). The core ignores them; a few are
 * normal while gossip crosses itself, a jump is someone replaying recorded claims, which the signature
 * alone cannot refuse because the claim is genuine. Most are dropped before their signature is
 * checked ({@link ClaimFilter}); the rest travelled with a newer claim about their subject, were
 * authenticated, and are counted as the core receives them.
 */
final class OutdatedClaims {
  private final Counter outdated;

  OutdatedClaims(MeterRegistry registry) {
    this.outdated = Counter.builder("hearsay.claims.outdated")
        .description("Claims older than the one held about their subject (ignored; replays show here)")
        .register(registry);
  }

  /** Counts the claims of {@code m} that {@code held} (the winning claim per subject, or null) already beats. */
  void count(Message m, Function<MemberId, Claim> held) {
    for (Claim c : Messages.claimsOf(m)) {
      Claim known = held.apply(c.subject());
      if (known != null && known.supersedes(c)) {
        outdated.increment();
      }
    }
  }

  /** One outdated claim, dropped before it reached the core. */
  void increment() {
    outdated.increment();
  }

  double total() {
    return outdated.count();
  }
}
