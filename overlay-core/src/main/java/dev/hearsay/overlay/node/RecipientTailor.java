package dev.hearsay.overlay.node;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.overlay.claims.ClaimProof;
import dev.hearsay.overlay.claims.MemberCertificates;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.Leave;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.MemberPull;
import dev.hearsay.overlay.core.MemberPush;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.core.Messages;
import dev.hearsay.overlay.core.Meta;
import dev.hearsay.overlay.core.PushPullSyn;
import dev.hearsay.overlay.core.ViewDigest;
import dev.hearsay.overlay.transport.MalformedFrameException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Fits an outgoing message to the peer it goes to, before it is split into frames:
 *
 * <ul>
 *   <li>a member's certificate rides with its ALIVE (or its LEAVE, which a join answer sends without
 *       the ALIVE) only the first time this peer gets it; later claims name it by fingerprint (32
 *       bytes instead of ~600). The signature covers the claim, not the certificate slot, so swapping
 *       the form leaves the claim valid;
 *   <li>a member push (the answer to a pull, which is also how a peer asks for a certificate again)
 *       always carries the certificate, and only the metadata the peer may read;
 *   <li>no claim about a member the peer may not see (tenant isolation) goes out. The core already
 *       holds itself to that; this is the last check before the wire, whatever the core does;
 *   <li>a push-pull digest covers what this node and the peer may both see. The core, sending to an
 *       address whose owner it does not know yet (a join through a seed), can only use the class
 *       everyone sees; here the peer is known, so the digest is computed for it.
 * </ul>
 */
final class RecipientTailor {
  private final MemberCertificates certificates;
  private final CertificatesSent sent;
  private final BiPredicate<NodeIdentity, Meta> mayRead;
  private final BiPredicate<NodeIdentity, MemberId> mayView;
  private final Function<NodeIdentity, ViewDigest> digestFor;

  RecipientTailor(MemberCertificates certificates, CertificatesSent sent, BiPredicate<NodeIdentity, Meta> mayRead,
      BiPredicate<NodeIdentity, MemberId> mayView, Function<NodeIdentity, ViewDigest> digestFor) {
    this.certificates = certificates;
    this.sent = sent;
    this.mayRead = mayRead;
    this.mayView = mayView;
    this.digestFor = digestFor;
  }

  /** The message as {@code peer} gets it; null when nothing of it may go to that peer. */
  Message forPeer(Message m, NodeIdentity peer) {
    if (m instanceof MemberPush p) {
      if (!mayView.test(peer, p.alive().subject())) {
        return null;
      }
      List<Meta> readable = new ArrayList<>(p.meta().size());
      for (Meta meta : p.meta()) {
        if (mayRead.test(peer, meta)) {
          readable.add(meta);
        }
      }
      Alive alive = withCertificateForm(p.alive(), true);
      recordSent(peer, alive);
      return new MemberPush(alive, readable);
    }
    if (m instanceof MemberPull p && !mayView.test(peer, p.subject())) {
      return null;
    }
    if (m instanceof PushPullSyn syn) {
      m = new PushPullSyn(digestFor.apply(peer), syn.join(), syn.claims());
    }
    List<Claim> claims = Messages.claimsOf(m);
    List<Claim> tailored = null;
    for (int i = 0; i < claims.size(); i++) {
      Claim c = claims.get(i);
      Claim fitted = !mayView.test(peer, c.subject()) ? null : c instanceof Alive || c instanceof Leave ? fit(c, peer) : c;
      if (fitted != c && tailored == null) {
        tailored = new ArrayList<>(claims.subList(0, i));
      }
      if (tailored != null && fitted != null) {
        tailored.add(fitted);
      }
    }
    return tailored == null ? m : Messages.withClaims(m, tailored);
  }

  /** A claim its subject signed (an ALIVE or a LEAVE), its certificate enclosed only if this peer has not had it from us. */
  private Claim fit(Claim c, NodeIdentity peer) {
    ClaimProof proof = proofOf(c);
    if (proof == null) {
      return c;
    }
    boolean known = sent.alreadySent(peer, proof.fingerprint());
    return withCertificateForm(c, proof, !known);
  }

  private void recordSent(NodeIdentity peer, Alive a) {
    ClaimProof proof = proofOf(a);
    if (proof != null && proof.certificate() != null) {
      sent.alreadySent(peer, proof.fingerprint());
    }
  }

  private Alive withCertificateForm(Alive a, boolean enclose) {
    ClaimProof proof = proofOf(a);
    return proof == null ? a : (Alive) withCertificateForm(a, proof, enclose);
  }

  /** {@code c} with its certificate enclosed or named by fingerprint; unchanged if it already is, or if the certificate is not at hand. */
  private Claim withCertificateForm(Claim c, ClaimProof proof, boolean enclose) {
    ClaimProof changed;
    if (!enclose && proof.certificate() != null) {
      changed = ClaimProof.withFingerprint(proof.signature(), proof.fingerprint());
    } else if (enclose && proof.certificate() == null) {
      byte[] der = encoded(certificates.find(proof.fingerprint()));
      if (der == null) {
        return c;
      }
      changed = ClaimProof.withCertificate(proof.signature(), proof.fingerprint(), der);
    } else {
      return c;
    }
    if (c instanceof Alive a) {
      return new Alive(a.subject(), a.incarnation(), a.address(), a.metaVersion(), changed.encode());
    }
    return new Leave(c.subject(), c.incarnation(), changed.encode());
  }

  private static ClaimProof proofOf(Claim c) {
    try {
      return ClaimProof.decode(c.proof());
    } catch (MalformedFrameException | IllegalArgumentException e) {
      return null; // not ours to fix: the peer's check refuses it and counts it
    }
  }

  private static byte[] encoded(X509Certificate certificate) {
    if (certificate == null) {
      return null;
    }
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      return null;
    }
  }
}
