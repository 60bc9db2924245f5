package dev.hearsay.overlay.node;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.overlay.claims.ClaimProof;
import dev.hearsay.overlay.claims.MemberCertificates;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.MemberPush;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.core.Messages;
import dev.hearsay.overlay.core.Meta;
import dev.hearsay.overlay.transport.MalformedFrameException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Fits an outgoing message to the peer it goes to, before it is split into frames:
 *
 * <ul>
 *   <li>a member's certificate rides with its ALIVE only the first time this peer gets it; later
 *       ALIVEs name it by fingerprint (32 bytes instead of ~600). The signature covers the claim, not
 *       the certificate slot, so swapping the form leaves the claim valid;
 *   <li>a member push (the answer to a pull, which is also how a peer asks for a certificate again)
 *       always carries the certificate, and only the metadata the peer may read.
 * </ul>
 */
final class RecipientTailor {
  private final MemberCertificates certificates;
  private final CertificatesSent sent;
  private final BiPredicate<NodeIdentity, Meta> mayRead;

  RecipientTailor(MemberCertificates certificates, CertificatesSent sent, BiPredicate<NodeIdentity, Meta> mayRead) {
    this.certificates = certificates;
    this.sent = sent;
    this.mayRead = mayRead;
  }

  Message forPeer(Message m, NodeIdentity peer) {
    if (m instanceof MemberPush p) {
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
    List<Claim> claims = Messages.claimsOf(m);
    List<Claim> tailored = null;
    for (int i = 0; i < claims.size(); i++) {
      if (!(claims.get(i) instanceof Alive a)) {
        continue;
      }
      Alive fitted = fit(a, peer);
      if (fitted != a) {
        if (tailored == null) {
          tailored = new ArrayList<>(claims);
        }
        tailored.set(i, fitted);
      }
    }
    return tailored == null ? m : Messages.withClaims(m, tailored);
  }

  private Alive fit(Alive a, NodeIdentity peer) {
    ClaimProof proof = proofOf(a);
    if (proof == null) {
      return a;
    }
    boolean known = sent.alreadySent(peer, proof.fingerprint());
    return withCertificateForm(a, proof, !known);
  }

  private void recordSent(NodeIdentity peer, Alive a) {
    ClaimProof proof = proofOf(a);
    if (proof != null && proof.certificate() != null) {
      sent.alreadySent(peer, proof.fingerprint());
    }
  }

  private Alive withCertificateForm(Alive a, boolean enclose) {
    ClaimProof proof = proofOf(a);
    return proof == null ? a : withCertificateForm(a, proof, enclose);
  }

  /** {@code a} with its certificate enclosed or named by fingerprint; unchanged if it already is, or if the certificate is not at hand. */
  private Alive withCertificateForm(Alive a, ClaimProof proof, boolean enclose) {
    ClaimProof changed;
    if (!enclose && proof.certificate() != null) {
      changed = ClaimProof.withFingerprint(proof.signature(), proof.fingerprint());
    } else if (enclose && proof.certificate() == null) {
      byte[] der = encoded(certificates.find(proof.fingerprint()));
      if (der == null) {
        return a;
      }
      changed = ClaimProof.withCertificate(proof.signature(), proof.fingerprint(), der);
    } else {
      return a;
    }
    return new Alive(a.subject(), a.incarnation(), a.address(), a.metaVersion(), changed.encode());
  }

  private static ClaimProof proofOf(Alive a) {
    try {
      return ClaimProof.decode(a.proof());
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
