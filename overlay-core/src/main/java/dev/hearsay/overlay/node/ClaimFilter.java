package dev.hearsay.overlay.node;

import dev.hearsay.authz.Decision;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.overlay.claims.ClaimAuthenticator;
import dev.hearsay.overlay.claims.ClaimProof;
import dev.hearsay.overlay.claims.ClaimRejection;
import dev.hearsay.overlay.claims.ClaimVerdict;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.Dead;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.MemberPush;
import dev.hearsay.overlay.core.Meta;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.core.Messages;
import dev.hearsay.overlay.core.Relevance;
import dev.hearsay.overlay.transport.Rejections;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Lets only authenticated, authorized claims through to the core: every claim of a message is
 * checked (signature and signer first, then the policy), the rejected ones are counted and logged
 * with the relaying peer, and the message goes on with the
 * rest (one bad relayed claim does not cost the honest ones travelling with it).
 *
 * <p>Before any of that, claims the view would ignore whatever their signatures are dropped
 * unverified and counted: an ECDSA verification costs about a thousand times a table lookup, and a
 * peer re-signing one accusation, or replaying old claims, would otherwise buy one per frame.
 */
final class ClaimFilter {
  /** Metric tag prefix of claims the policy refused, e.g. {@code denied_cross_tenant}. */
  static final String DENIED_PREFIX = "denied_";

  private final ClaimAuthenticator authenticator;
  private final Rejections rejections;
  private final Consumer<Alive> onAcceptedAlive;
  private final Counter accepted;
  private final ClaimPolicy policy;
  private final NodeIdentity self;
  private final BiConsumer<MemberId, NodeIdentity> onUnknownCertificate;
  private final Function<Claim, Relevance> relevance;
  private final Counter outdated;
  private final Counter redundant;

  /**
   * {@code onUnknownCertificate} hears of claims refused only because their signer's certificate is not
   * known here yet (it was sent by fingerprint): the relay that sent it can send it again with the
   * certificate. {@code relevance} judges a claim against the view it would be applied to.
   */
  ClaimFilter(ClaimAuthenticator authenticator, ClaimPolicy policy, Rejections rejections, MeterRegistry registry,
      NodeIdentity self, Function<Claim, Relevance> relevance, Consumer<Alive> onAcceptedAlive, BiConsumer<MemberId, NodeIdentity> onUnknownCertificate) {
    this.authenticator = authenticator;
    this.policy = policy;
    this.self = self;
    this.onUnknownCertificate = onUnknownCertificate;
    this.relevance = relevance;
    // A few are normal while gossip crosses itself; a jump is someone replaying recorded claims, which
    // a signature alone cannot refuse because the claim is genuine.
    this.outdated = Counter.builder("hearsay.claims.outdated")
        .description("Claims older than the one held about their subject (ignored; replays show here)")
        .register(registry);
    this.redundant = Counter.builder("hearsay.claims.redundant")
        .description("Claims the view would ignore whatever their signatures (older than or equal to what it holds), dropped unverified")
        .register(registry);
    this.rejections = rejections;
    this.onAcceptedAlive = onAcceptedAlive;
    this.accepted = Counter.builder("hearsay.claims.accepted")
        .description("Claims that passed authentication and the policy (relayed copies that could still change the view included)")
        .register(registry);
  }

  /** The message with only its acceptable claims; null when nothing of it is left to deliver. */
  Message filter(Message m, NodeIdentity relay) {
    if (m instanceof MemberPush p) {
      return push(p, relay);
    }
    List<Claim> claims = Messages.claimsOf(m);
    return claims.isEmpty() ? m : Messages.withClaims(m, accepted(claims, relay));
  }

  /**
   * A push stands or falls with its ALIVE; its metadata claims are checked one by one. The ALIVE is
   * never judged redundant: it is usually the very one held (the member answers a pull for the
   * metadata version that ALIVE names), and it carries the metadata in.
   */
  private MemberPush push(MemberPush p, NodeIdentity relay) {
    if (!accept(p.alive(), relay)) {
      return null;
    }
    List<Meta> metas = new ArrayList<>(p.meta().size());
    for (Meta meta : p.meta()) {
      ClaimVerdict v = authenticator.authenticate(meta);
      Decision d;
      if (v instanceof ClaimVerdict.Rejected r) {
        rejections.reject(r.reason().label(), relay, "metadata of " + meta.subject().uri(), r.detail());
      } else if ((d = policy.decideMeta(meta, self)) instanceof Decision.Deny deny) {
        rejections.reject(DENIED_PREFIX + deny.reason().tag().replace('-', '_'), relay, "metadata of " + meta.subject().uri(), deny.detail());
      } else {
        accepted.increment();
        metas.add(meta);
      }
    }
    return new MemberPush(p.alive(), metas);
  }

  /**
   * The acceptable claims of a message, in its order. ALIVE claims are checked first: they may carry
   * the certificates of members whose accusations and deaths travel in the same message.
   */
  private List<Claim> accepted(List<Claim> claims, NodeIdentity relay) {
    if (claims.isEmpty()) {
      return claims;
    }
    Relevance[] judged = new Relevance[claims.size()];
    for (int i = 0; i < judged.length; i++) {
      judged[i] = relevance.apply(claims.get(i));
    }
    boolean[] redundantAt = redundant(claims, judged);
    boolean[] ok = new boolean[claims.size()];
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < claims.size(); i++) {
        Claim c = claims.get(i);
        if (!redundantAt[i] && (c instanceof Alive) == (pass == 0)) {
          ok[i] = accept(c, relay);
        }
      }
    }
    List<Claim> out = new ArrayList<>(claims.size());
    for (int i = 0; i < claims.size(); i++) {
      if (ok[i]) {
        out.add(claims.get(i));
      }
      // Dropped unverified, or authentic and passed on (the core ignores it): either way, older than what is held.
      if (judged[i] == Relevance.OUTDATED && (redundantAt[i] || ok[i])) {
        outdated.increment();
      }
    }
    return out;
  }

  /**
   * Which claims to drop unverified: those about a subject none of the message's claims may change
   * (judged one by one, a claim can matter only after another about its subject is applied), and
   * that name their signer's certificate by fingerprint (an enclosed certificate is worth learning
   * even from a claim that changes nothing).
   */
  private boolean[] redundant(List<Claim> claims, Relevance[] judged) {
    Set<MemberId> changing = null;
    for (int i = 0; i < judged.length; i++) {
      Claim c = claims.get(i);
      if (judged[i] == Relevance.MAY_CHANGE || !ClaimProof.isByFingerprint(c.proof())) {
        if (changing == null) {
          changing = new HashSet<>();
        }
        changing.add(c.subject());
      }
    }
    boolean[] drop = new boolean[judged.length];
    for (int i = 0; i < judged.length; i++) {
      drop[i] = changing == null || !changing.contains(claims.get(i).subject());
      if (drop[i]) {
        redundant.increment();
      }
    }
    return drop;
  }

  private boolean accept(Claim c, NodeIdentity relay) {
    ClaimVerdict v = authenticator.authenticate(c);
    Decision d;
    if (v instanceof ClaimVerdict.Rejected r) {
      rejections.reject(r.reason().label(), relay, "claim about " + c.subject().uri(), r.detail());
      if (r.reason() == ClaimRejection.UNKNOWN_SIGNER_CERTIFICATE) {
        onUnknownCertificate.accept(ClaimAuthenticator.signerOf(c), relay);
        if (c instanceof Dead dead) { // or the certificate missing is an accuser's in the evidence
          dead.evidence().forEach(e -> onUnknownCertificate.accept(ClaimAuthenticator.signerOf(e), relay));
        }
      }
      return false;
    } else if ((d = policy.decide(c, self)) instanceof Decision.Deny deny) {
      rejections.reject(DENIED_PREFIX + deny.reason().tag().replace('-', '_'), relay, "claim about " + c.subject().uri(), deny.detail());
      return false;
    }
    accepted.increment();
    if (c instanceof Alive a) {
      onAcceptedAlive.accept(a);
    }
    return true;
  }
}
