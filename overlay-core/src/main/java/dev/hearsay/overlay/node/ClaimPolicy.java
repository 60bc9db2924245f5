package dev.hearsay.overlay.node;

import dev.hearsay.authz.Authorizer;
import dev.hearsay.authz.ClaimAttempt;
import dev.hearsay.authz.Decision;
import dev.hearsay.authz.DecisionContext;
import dev.hearsay.authz.Principal;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.overlay.core.AccusationPolicy;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.Dead;
import dev.hearsay.overlay.core.Leave;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.Suspect;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy's word on an authenticated claim: the signature proved who said it; this says whether
 * that principal may say it (a node speaks only for itself; accusers and the DEAD quorum as the
 * policy sets them). Also hands the core the same accusation rule for its own accusations.
 */
final class ClaimPolicy {
  private final Authorizer authorizer;
  private final Identities identities;

  ClaimPolicy(Authorizer authorizer, Identities identities) {
    this.authorizer = authorizer;
    this.identities = identities;
  }

  Decision decide(Claim claim) {
    if (claim instanceof Alive a) {
      return authorizer.decide(principal(a.subject()), ClaimAttempt.alive(identity(a.subject())), DecisionContext.none());
    } else if (claim instanceof Leave l) {
      return authorizer.decide(principal(l.subject()), ClaimAttempt.leave(identity(l.subject())), DecisionContext.none());
    } else if (claim instanceof Suspect s) {
      return authorizer.decide(principal(s.accuser()), ClaimAttempt.suspect(identity(s.subject())), DecisionContext.none());
    } else if (claim instanceof Dead d) {
      if (d.isByLeave()) {
        return authorizer.decide(principal(d.subject()), ClaimAttempt.leave(identity(d.subject())), DecisionContext.none());
      }
      List<Principal> accusers = new ArrayList<>();
      for (Claim e : d.evidence()) {
        if (e instanceof Suspect s && s.subject().equals(d.subject()) && s.incarnation() == d.incarnation()) {
          accusers.add(principal(s.accuser()));
        }
      }
      return authorizer.decide(principal(d.declarer()), ClaimAttempt.dead(identity(d.subject())),
          DecisionContext.none().withDeadEvidence(accusers));
    }
    return Decision.deny(dev.hearsay.authz.DenyReason.WRONG_ROLE, "registry state is not a gossip claim");
  }

  /** The rule the core applies to its own accusations. */
  AccusationPolicy accusations() {
    return (accuser, subject) ->
        authorizer.decide(principal(accuser), ClaimAttempt.suspect(identity(subject)), DecisionContext.none()).isAllowed();
  }

  int quorum() {
    return authorizer.quorum();
  }

  /** Signers reach the policy only after their certificate passed the trust check. */
  private Principal principal(MemberId member) {
    return Principal.valid(identity(member));
  }

  private NodeIdentity identity(MemberId member) {
    return identities.of(member.uri());
  }
}
