package dev.hearsay.authz;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.Role;

/**
 * Second rule of every decision: the subject is a member of the actor's overlay. Only nodes have
 * liveness and metadata; registries and operators are never subjects of gossip. An actor of another
 * trust domain cannot complete a handshake, but a claim relayed from elsewhere is checked anyway.
 */
final class SubjectRule {
  private SubjectRule() {}

  static Decision check(Principal actor, NodeIdentity subject) {
    if (!actor.identity().trustDomain().equals(subject.trustDomain())) {
      return Decision.deny(
          DenyReason.FOREIGN_TRUST_DOMAIN, actor.identity() + " is not in the trust domain of " + subject);
    }
    if (subject.role() != Role.NODE) {
      return Decision.deny(DenyReason.SUBJECT_NOT_MEMBER, subject + " is a " + subject.role().label() + ", not a member");
    }
    return Decision.allow();
  }
}
