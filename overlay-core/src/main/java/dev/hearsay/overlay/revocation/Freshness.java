package dev.hearsay.overlay.revocation;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.crypto.Role;
import dev.hearsay.registry.log.SignedHead;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How old the node's verified registry head is, and what that means. The head's time is when the
 * registry signed it, so its age bounds how long ago this node last knew the full revocation list;
 * with no head at all the node knows nothing and is stale from the start.
 */
final class Freshness {
  private static final Logger LOG = LoggerFactory.getLogger(Freshness.class);

  private final Supplier<SignedHead> head;
  private final Clock clock;
  private final Duration maxStaleness;
  private final StalenessPolicy policy;
  private boolean reportedStale;

  Freshness(Supplier<SignedHead> head, Clock clock, Duration maxStaleness, StalenessPolicy policy) {
    this.head = head;
    this.clock = clock;
    this.maxStaleness = maxStaleness;
    this.policy = policy;
  }

  /** The age of the verified head, or null when there is none. Never negative (clock skew reads as fresh). */
  Duration headAge() {
    SignedHead h = head.get();
    if (h == null) {
      return null;
    }
    Duration age = Duration.between(h.time(), clock.instant());
    return age.isNegative() ? Duration.ZERO : age;
  }

  double headAgeSeconds() {
    Duration age = headAge();
    return age == null ? Double.NaN : age.toMillis() / 1000.0;
  }

  boolean stale() {
    Duration age = headAge();
    return age == null || age.compareTo(maxStaleness) > 0;
  }

  StalenessPolicy policy() {
    return policy;
  }

  Duration maxStaleness() {
    return maxStaleness;
  }

  /** Logs once when the head turns stale and once when it is fresh again; called periodically. */
  synchronized void report() {
    boolean now = stale();
    if (now && !reportedStale) {
      Duration age = headAge();
      LOG.warn("registry head is stale ({}; at most {} allowed); policy {}: {}",
          age == null ? "no verified head yet" : "signed " + age.toSeconds() + " s ago", maxStaleness, policy.label(),
          policy == StalenessPolicy.CLOSED ? "refusing nodes that are not members already" : "still admitting new nodes");
    } else if (!now && reportedStale) {
      LOG.info("registry head is fresh again (signed {} s ago)", headAge().toSeconds());
    }
    reportedStale = now;
  }

  /**
   * Under the closed policy and while stale, refuses node identities that are not members already:
   * their handshakes and every claim they sign. Members, and non-node principals, pass.
   */
  RevocationCheck closedGate(Predicate<NodeIdentity> isMember) {
    return new RevocationCheck() {
      @Override
      public Optional<String> revocationReason(X509Certificate certificate, NodeIdentity identity) {
        if (policy != StalenessPolicy.CLOSED || identity == null || identity.role() != Role.NODE || !stale() || isMember.test(identity)) {
          return Optional.empty();
        }
        return Optional.of("the registry head is stale and the policy is closed: new members are refused until it is fresh");
      }
    };
  }
}
