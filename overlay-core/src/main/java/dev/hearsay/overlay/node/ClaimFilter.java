package dev.hearsay.overlay.node;

import dev.hearsay.authz.Decision;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.overlay.claims.ClaimAuthenticator;
import dev.hearsay.overlay.claims.ClaimVerdict;
import dev.hearsay.overlay.core.Ack;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.Gossip;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.core.Ping;
import dev.hearsay.overlay.core.PingReq;
import dev.hearsay.overlay.core.PushPullAck;
import dev.hearsay.overlay.core.PushPullAck2;
import dev.hearsay.overlay.transport.Rejections;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lets only authenticated, authorized claims through to the core: every claim of a message is
 * checked (signature and signer first, then the policy), the rejected ones are counted and logged
 * with the relaying peer, and the message goes on with the
 * rest (one bad relayed claim does not cost the honest ones travelling with it).
 */
final class ClaimFilter {
  /** Metric tag prefix of claims the policy refused, e.g. {@code denied_cross_tenant}. */
  static final String DENIED_PREFIX = "denied_";

  private final ClaimAuthenticator authenticator;
  private final Rejections rejections;
  private final Consumer<Alive> onAcceptedAlive;
  private final Counter accepted;
  private final ClaimPolicy policy;

  ClaimFilter(ClaimAuthenticator authenticator, ClaimPolicy policy, Rejections rejections, MeterRegistry registry,
      Consumer<Alive> onAcceptedAlive) {
    this.authenticator = authenticator;
    this.policy = policy;
    this.rejections = rejections;
    this.onAcceptedAlive = onAcceptedAlive;
    this.accepted = Counter.builder("hearsay.claims.accepted")
        .description("Claims that passed authentication (relayed copies included)")
        .register(registry);
  }

  Message filter(Message m, NodeIdentity relay) {
    if (m instanceof Ping p) {
      return new Ping(p.seq(), p.target(), accepted(p.piggyback(), relay));
    } else if (m instanceof PingReq p) {
      return new PingReq(p.seq(), p.target(), p.targetAddress(), accepted(p.piggyback(), relay));
    } else if (m instanceof Ack a) {
      return new Ack(a.seq(), a.target(), accepted(a.piggyback(), relay));
    } else if (m instanceof Gossip g) {
      return new Gossip(accepted(g.claims(), relay), g.replyWanted());
    } else if (m instanceof PushPullAck a) {
      return new PushPullAck(a.bucketMask(), accepted(a.claims(), relay));
    } else if (m instanceof PushPullAck2 a) {
      return new PushPullAck2(accepted(a.claims(), relay));
    }
    return m; // Nack and Syn carry no claims
  }

  private List<Claim> accepted(List<Claim> claims, NodeIdentity relay) {
    if (claims.isEmpty()) {
      return claims;
    }
    List<Claim> out = new ArrayList<>(claims.size());
    for (Claim c : claims) {
      ClaimVerdict v = authenticator.authenticate(c);
      Decision d;
      if (v instanceof ClaimVerdict.Rejected r) {
        rejections.reject(r.reason().label(), relay, "claim about " + c.subject().uri(), r.detail());
      } else if ((d = policy.decide(c)) instanceof Decision.Deny deny) {
        rejections.reject(DENIED_PREFIX + deny.reason().tag().replace('-', '_'), relay, "claim about " + c.subject().uri(), deny.detail());
      } else {
        accepted.increment();
        out.add(c);
        if (c instanceof Alive a) {
          onAcceptedAlive.accept(a);
        }
      }
    }
    return out;
  }
}
