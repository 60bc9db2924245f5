package dev.hearsay.authz;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.Role;

/**
 * ALIVE, LEAVE and REFUTE: only the subject speaks for its own liveness. No other node, no seed, no
 * registry and no operator may assert that a node is alive, has left, or has refuted a suspicion;
 * registries and operators remove nodes by revocation, never through membership claims.
 */
final class SubjectOnlyRule {
  private SubjectOnlyRule() {}

  static Decision check(Principal actor, ClaimKind kind, NodeIdentity subject) {
    if (actor.certificateRole() != Role.NODE) {
      return Decision.deny(
          DenyReason.WRONG_ROLE,
          "a " + actor.certificateRole().label() + " may not sign " + kind + " (" + actor.identity() + ")");
    }
    if (!actor.identity().equals(subject)) {
      return Decision.deny(DenyReason.NOT_SUBJECT, actor.identity() + " may not sign " + kind + " about " + subject);
    }
    return Decision.allow();
  }
}
