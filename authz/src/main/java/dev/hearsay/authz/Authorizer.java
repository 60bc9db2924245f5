package dev.hearsay.authz;

import dev.hearsay.crypto.NodeIdentity;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Answers every authorization question of a node under one {@link Policy}: may this principal make
 * this claim, may this peer see this member or read this entry, how many accusers make a node DEAD,
 * and how much may this peer cost. Pure and thread-safe: it holds only the immutable policy.
 *
 * <p>Every decision applies, in order (the first that denies gives the reason):
 *
 * <ol>
 *   <li><b>Certificate status.</b> A revoked, expired or unknown actor is denied whatever it asks
 *       ({@code SIGNER_REVOKED}, {@code SIGNER_EXPIRED}, {@code SIGNER_UNKNOWN}), its own liveness
 *       included: a revoked node cannot rejoin by gossiping its own ALIVE.
 *   <li><b>Subject.</b> The subject is a node of the actor's trust domain
 *       ({@code FOREIGN_TRUST_DOMAIN}, {@code SUBJECT_NOT_MEMBER}).
 *   <li><b>ALIVE, LEAVE, REFUTE:</b> only the subject itself. Any other node is denied
 *       ({@code NOT_SUBJECT}); registries and operators never sign membership claims
 *       ({@code WRONG_ROLE}): they remove nodes by revocation.
 *   <li><b>SUSPECT:</b> only a node, never the subject itself ({@code SELF_ACCUSATION}); of the
 *       subject's tenant, or in {@code any-member} mode also of another tenant when the subject's
 *       tenant is shared ({@code CROSS_TENANT}); in {@code monitors} mode only one of the subject's
 *       monitors given in the context ({@code NOT_AUTHORIZED_ACCUSER}). Registries and operators
 *       never accuse ({@code WRONG_ROLE}).
 *   <li><b>DEAD:</b> declared by a node that may SUSPECT the subject, with evidence signed by at
 *       least {@code k} distinct valid principals that may SUSPECT it ({@code INSUFFICIENT_ACCUSERS}).
 *   <li><b>META_WRITE:</b> keys outside every namespace only by the subject; keys of a namespace by
 *       its writers ({@code KEY_NOT_WRITABLE}); never by another node ({@code NOT_SUBJECT} in the
 *       same tenant, {@code CROSS_TENANT} from another) nor by a registry ({@code WRONG_ROLE}).
 *   <li><b>META_READ and views:</b> only nodes ({@code WRONG_ROLE}); everything of the viewer's own
 *       tenant; members and shared entries of another tenant only when that tenant is shared
 *       ({@code CROSS_TENANT}); private entries of another tenant never ({@code PRIVATE_METADATA}).
 * </ol>
 *
 * Roles come from the certificate identity (and the policy's seed list), never from the peer; being
 * a seed changes rate limits, not authority. POLICY.md has the same rules with the file schema.
 */
public final class Authorizer {
  private final Policy policy;
  private final AccusationRule accusations;
  private final MetadataWriteRule metadataWrites;
  private final VisibilityRule visibility;

  public Authorizer(Policy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.accusations = new AccusationRule(policy);
    this.metadataWrites = new MetadataWriteRule(policy);
    this.visibility = new VisibilityRule(policy);
  }

  /** The authorizer of {@link Policy#defaults()}. */
  public static Authorizer withDefaults() {
    return new Authorizer(Policy.defaults());
  }

  public Policy policy() {
    return policy;
  }

  /** Whether {@code actor} may make {@code claim}; see the class comment for the rules. */
  public Decision decide(Principal actor, ClaimAttempt claim, DecisionContext context) {
    Objects.requireNonNull(context, "context");
    Decision common = preconditions(actor, claim.subject());
    if (!common.isAllowed()) {
      return common;
    }
    return switch (claim.kind()) {
      case ALIVE, LEAVE, REFUTE -> SubjectOnlyRule.check(actor, claim.kind(), claim.subject());
      case SUSPECT -> accusations.checkSuspect(actor, claim.subject(), context);
      case DEAD -> accusations.checkDead(actor, claim.subject(), context);
      case META_WRITE -> metadataWrites.check(actor, claim.metadata().orElseThrow());
      case META_READ -> visibility.read(actor, claim.metadata().orElseThrow());
    };
  }

  /** Whether {@code viewer} may be sent {@code subject}'s membership entry (liveness, address). */
  public Decision view(Principal viewer, NodeIdentity subject) {
    Decision common = preconditions(viewer, subject);
    return common.isAllowed() ? visibility.view(viewer, subject) : common;
  }

  public boolean mayView(Principal viewer, NodeIdentity subject) {
    return view(viewer, subject).isAllowed();
  }

  /** Whether {@code viewer} may be sent {@code entry}; the same as deciding its META_READ. */
  public Decision read(Principal viewer, MetadataEntry entry) {
    return decide(viewer, ClaimAttempt.metaRead(entry), DecisionContext.none());
  }

  public boolean mayRead(Principal viewer, MetadataEntry entry) {
    return read(viewer, entry).isAllowed();
  }

  /** {@code k}: the number of distinct authorized accusers a DEAD claim needs. */
  public int quorum() {
    return policy.accusers().quorum();
  }

  /** The role of {@code identity}: from its certificate path, and seed if the policy lists it. */
  public PolicyRole roleOf(NodeIdentity identity) {
    return policy.roleOf(identity);
  }

  /** The rate limits of {@code principal}'s role. */
  public RateLimits limitsFor(Principal principal) {
    return limitsFor(principal.identity());
  }

  public RateLimits limitsFor(NodeIdentity identity) {
    return policy.limits(policy.roleOf(identity));
  }

  /**
   * The monitor assignment of a membership view under this policy (see {@link MonitorAssignment}):
   * build it when the view changes, then pass {@code assignment.monitorsOf(subject)} in the
   * {@link DecisionContext}. Assigns no monitors unless the accuser mode is {@code monitors}.
   */
  public MonitorAssignment monitorAssignment(Collection<NodeIdentity> view) {
    AccuserPolicy accusers = policy.accusers();
    return MonitorAssignment.of(view, accusers.mode() == AccuserMode.MONITORS ? accusers.monitors() : 0);
  }

  /** The monitors of {@code subject} in {@code view}; one-off form of {@link #monitorAssignment}. */
  public List<NodeIdentity> monitorsOf(NodeIdentity subject, Collection<NodeIdentity> view) {
    return monitorAssignment(view).monitorsOf(subject);
  }

  private static Decision preconditions(Principal actor, NodeIdentity subject) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(subject, "subject");
    Decision status = CertificateStatusRule.check(actor);
    return status.isAllowed() ? SubjectRule.check(actor, subject) : status;
  }
}
