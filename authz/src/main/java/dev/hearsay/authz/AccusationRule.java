package dev.hearsay.authz;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.Role;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * SUSPECT and DEAD: who may accuse a subject, and how many distinct accusers it takes to kill it.
 *
 * <ul>
 *   <li>Only nodes accuse. Registries and operators never do: they remove nodes by revocation.
 *   <li>A node never accuses itself: it refutes or leaves instead.
 *   <li>A node of another tenant accuses only in {@code any-member} mode and only a subject whose
 *       tenant is {@code shared}; an isolated tenant is accused by its own nodes alone.
 *   <li>In {@code monitors} mode only the subject's assigned monitors accuse.
 *   <li>DEAD is declared by a node that may accuse the subject, on the evidence of at least {@code k}
 *       distinct valid principals each of which may accuse the subject. Duplicates, revoked, expired
 *       or unknown signers and unauthorized accusers do not count, however many there are. (A DEAD
 *       whose evidence is the subject's own LEAVE is checked as that LEAVE.)
 * </ul>
 */
final class AccusationRule {
  private final Policy policy;

  AccusationRule(Policy policy) {
    this.policy = policy;
  }

  Decision checkSuspect(Principal accuser, NodeIdentity subject, DecisionContext context) {
    return mayAccuse(accuser, subject, context);
  }

  Decision checkDead(Principal declarer, NodeIdentity subject, DecisionContext context) {
    Decision declarerMayAccuse = mayAccuse(declarer, subject, context);
    if (!declarerMayAccuse.isAllowed()) {
      return declarerMayAccuse;
    }
    Set<NodeIdentity> counted = new LinkedHashSet<>();
    for (Principal signer : context.deadEvidence()) {
      if (CertificateStatusRule.check(signer).isAllowed()
          && SubjectRule.check(signer, subject).isAllowed()
          && mayAccuse(signer, subject, context).isAllowed()) {
        counted.add(signer.identity());
      }
    }
    int k = policy.accusers().quorum();
    if (counted.size() < k) {
      return Decision.deny(
          DenyReason.INSUFFICIENT_ACCUSERS,
          "DEAD of " + subject + " has " + counted.size() + " distinct authorized accusers, " + k + " needed");
    }
    return Decision.allow();
  }

  private Decision mayAccuse(Principal accuser, NodeIdentity subject, DecisionContext context) {
    NodeIdentity who = accuser.identity();
    if (who.role() != Role.NODE) {
      return Decision.deny(
          DenyReason.WRONG_ROLE, "a " + who.role().label() + " may not accuse a node (" + who + ")");
    }
    if (who.equals(subject)) {
      return Decision.deny(DenyReason.SELF_ACCUSATION, who + " may not accuse itself");
    }
    AccuserPolicy rule = policy.accusers();
    String subjectTenant = subject.tenant().orElseThrow();
    if (!who.tenant().orElseThrow().equals(subjectTenant)) {
      boolean crossTenantAllowed =
          rule.mode() == AccuserMode.ANY_MEMBER
              && policy.membershipOf(subjectTenant) == TenantMembership.SHARED;
      if (!crossTenantAllowed) {
        return Decision.deny(
            DenyReason.CROSS_TENANT, who + " of another tenant may not accuse " + subject + " (" + rule.mode().label() + ")");
      }
    }
    if (rule.mode() == AccuserMode.MONITORS && !context.subjectMonitors().contains(who)) {
      return Decision.deny(DenyReason.NOT_AUTHORIZED_ACCUSER, who + " is not a monitor of " + subject);
    }
    return Decision.allow();
  }
}
