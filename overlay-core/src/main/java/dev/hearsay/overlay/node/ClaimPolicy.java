package dev.hearsay.overlay.node;

import dev.hearsay.authz.AccuserMode;
import dev.hearsay.authz.Authorizer;
import dev.hearsay.authz.ClaimAttempt;
import dev.hearsay.authz.Decision;
import dev.hearsay.authz.DecisionContext;
import dev.hearsay.authz.DenyReason;
import dev.hearsay.authz.MetadataEntry;
import dev.hearsay.authz.MetadataVisibility;
import dev.hearsay.authz.MonitorAssignment;
import dev.hearsay.authz.Policy;
import dev.hearsay.authz.Principal;
import dev.hearsay.authz.TenantMembership;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.overlay.core.AccusationPolicy;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.Dead;
import dev.hearsay.overlay.core.Leave;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.MemberVisibility;
import dev.hearsay.overlay.core.Meta;
import dev.hearsay.overlay.core.MetadataAccess;
import dev.hearsay.overlay.core.Suspect;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The policy's word on an authenticated claim: the signature proved who said it; this says whether
 * that principal may say it (a node speaks only for itself; accusers and the DEAD quorum as the
 * policy sets them). Also hands the core the same accusation rule for its own accusations.
 */
final class ClaimPolicy {
  /** Read rules depend on the owner and the visibility, not on the key; a key is named for the messages. */
  private static final String READ_CHECK_KEY = "metadata";
  /**
   * Denials an honest peer may cause: in monitors mode each node judges accusers by the monitors of
   * its own view, and two views can differ for a moment while members come and go; and a claim signed by
   * (or resting on an accusation of) a revoked identity, which a relay accepted before the revocation
   * reached it; and a claim naming by fingerprint a certificate this node lacks, which the peer may
   * rightly think it sent (in a frame lost with a closed connection): this node pulls it instead.
   * Counted, not charged to the peer's score (its budgets still bound them).
   */
  static final Set<String> NOT_THE_PEERS_FAULT =
      Set.of(ClaimFilter.DENIED_PREFIX + DenyReason.NOT_AUTHORIZED_ACCUSER.tag().replace('-', '_'),
          dev.hearsay.overlay.claims.ClaimRejection.SIGNER_REVOKED.label(),
          dev.hearsay.overlay.claims.ClaimRejection.UNKNOWN_SIGNER_CERTIFICATE.label());

  private final Authorizer authorizer;
  private final Identities identities;
  private final boolean monitorsMode;
  /** The live members (and this node) that monitors are assigned among; set by the node. */
  private Supplier<Collection<NodeIdentity>> liveMembers = List::of;
  /** The assignment over the current view; null once the view changed, rebuilt when next asked. */
  private volatile MonitorAssignment monitors;

  ClaimPolicy(Authorizer authorizer, Identities identities) {
    this.authorizer = authorizer;
    this.identities = identities;
    this.monitorsMode = authorizer.policy().accusers().mode() == AccuserMode.MONITORS;
  }

  /**
   * Where the monitors of {@code monitors} mode come from: the live members of this node's view. Each
   * node computes the assignment from its own view, so two nodes agree on a subject's monitors when
   * they agree on its tenant's live members (the assignment is a ring by certificate name, so a
   * member more or less moves only its neighbours' monitors).
   */
  void watch(Supplier<Collection<NodeIdentity>> members) {
    this.liveMembers = members;
    this.monitors = null;
  }

  /** The view changed: the monitor assignment is rebuilt when next needed. */
  void viewChanged() {
    if (monitorsMode) {
      monitors = null;
    }
  }

  /** What an accusation of {@code subject} is judged with: in monitors mode, its monitors in this view. */
  private DecisionContext accusationContext(MemberId subject) {
    if (!monitorsMode) {
      return DecisionContext.none();
    }
    MonitorAssignment a = monitors;
    if (a == null) {
      a = authorizer.monitorAssignment(liveMembers.get());
      monitors = a;
    }
    return DecisionContext.none().withMonitors(Set.copyOf(a.monitorsOf(identity(subject))));
  }

  /**
   * The policy's word on a claim that came to {@code reader}: first whether {@code reader} may hold
   * anything about its subject at all (tenant isolation), then whether its signer may say it.
   */
  Decision decide(Claim claim, NodeIdentity reader) {
    Decision seen = authorizer.view(Principal.valid(reader), identity(claim.subject()));
    return seen.isAllowed() ? decide(claim) : seen;
  }

  Decision decide(Claim claim) {
    if (claim instanceof Alive a) {
      return authorizer.decide(principal(a.subject()), ClaimAttempt.alive(identity(a.subject())), DecisionContext.none());
    } else if (claim instanceof Leave l) {
      return authorizer.decide(principal(l.subject()), ClaimAttempt.leave(identity(l.subject())), DecisionContext.none());
    } else if (claim instanceof Suspect s) {
      return authorizer.decide(principal(s.accuser()), ClaimAttempt.suspect(identity(s.subject())), accusationContext(s.subject()));
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
          accusationContext(d.subject()).withDeadEvidence(accusers));
    }
    return Decision.deny(dev.hearsay.authz.DenyReason.WRONG_ROLE, "registry state is not a gossip claim");
  }

  /**
   * A member's metadata claim: its signer (the subject, as authentication established) must be allowed
   * to write every key, and this node ({@code reader}) must be allowed to read it: a private entry of
   * another tenant is refused even when someone sends it.
   */
  Decision decideMeta(Meta meta, NodeIdentity reader) {
    NodeIdentity owner = identity(meta.subject());
    MetadataVisibility visibility = meta.shared() ? MetadataVisibility.SHARED : MetadataVisibility.PRIVATE;
    Principal signer = principal(meta.subject());
    for (String key : meta.entries().keySet()) {
      Decision write = authorizer.decide(signer, ClaimAttempt.metaWrite(new MetadataEntry(owner, key, visibility)),
          DecisionContext.none());
      if (!write.isAllowed()) {
        return write;
      }
    }
    return authorizer.read(Principal.valid(reader), new MetadataEntry(owner, READ_CHECK_KEY, visibility));
  }

  /** Whether {@code peer} may be sent {@code meta}: the same read rule, from the sender's side. */
  boolean mayBeSent(NodeIdentity peer, Meta meta) {
    return authorizer.mayRead(Principal.valid(peer), new MetadataEntry(identity(meta.subject()), READ_CHECK_KEY,
        meta.shared() ? MetadataVisibility.SHARED : MetadataVisibility.PRIVATE));
  }

  /** Whether {@code peer} may be sent claims about {@code subject} (tenant isolation). */
  boolean mayView(NodeIdentity peer, MemberId subject) {
    return authorizer.mayView(Principal.valid(peer), identity(subject));
  }

  /** Whether {@code node} is a seed the policy lets see every tenant's members. */
  boolean seesEveryTenant(NodeIdentity node) {
    return authorizer.policy().seeds().contains(node);
  }

  /** The policy's tenant isolation in the core's terms: each member's class, and who sees every class. */
  MemberVisibility memberVisibility() {
    Policy policy = authorizer.policy();
    return MemberVisibility.isolating(
        tenant -> policy.membershipOf(tenant) == TenantMembership.ISOLATED, member -> policy.seeds().contains(identity(member)));
  }

  /** The policy's read rule, for the core to ask only for metadata this node may hold. */
  MetadataAccess metadataAccess(NodeIdentity reader) {
    Principal me = Principal.valid(reader);
    return (subject, shared) -> authorizer.mayRead(me, new MetadataEntry(identity(subject), READ_CHECK_KEY,
        shared ? MetadataVisibility.SHARED : MetadataVisibility.PRIVATE));
  }

  /** The rule the core applies to its own accusations. */
  AccusationPolicy accusations() {
    return (accuser, subject) ->
        authorizer.decide(principal(accuser), ClaimAttempt.suspect(identity(subject)), accusationContext(subject)).isAllowed();
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
