package dev.hearsay.overlay.claims;

import dev.hearsay.crypto.ClaimVerifier;
import dev.hearsay.crypto.Fingerprint;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.PeerCertificateValidator;
import dev.hearsay.crypto.PeerRejectedException;
import dev.hearsay.crypto.SigningContext;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.Dead;
import dev.hearsay.overlay.core.Leave;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.Meta;
import dev.hearsay.overlay.core.Signed;
import dev.hearsay.overlay.core.Suspect;
import dev.hearsay.overlay.transport.MalformedFrameException;
import dev.hearsay.overlay.wire.ClaimCodec;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides whether a claim really comes from the member it speaks for, before the protocol core sees
 * it. The signer is read from the claim itself, never from who relayed it: the subject for ALIVE,
 * LEAVE and META, the accuser for SUSPECT, the declarer for DEAD (whose evidence is checked claim by
 * claim). The signer's certificate must pass the overlay's trust check now (chain, validity,
 * trust domain, revocation) and name exactly that signer; then the signature must verify over the
 * claim's canonical bytes under {@code hearsay/v1/<domain>/<kind>}.
 */
public final class ClaimAuthenticator {
  private final String trustDomain;
  private final PeerCertificateValidator validator;
  private final MemberCertificates certificates;
  private final VerifiedSignatures verified;
  private final int quorum;
  private final Map<String, SigningContext> contexts = new HashMap<>();

  public ClaimAuthenticator(
      String trustDomain, PeerCertificateValidator validator, MemberCertificates certificates, VerifiedSignatures verified, int quorum) {
    this.trustDomain = trustDomain;
    this.validator = validator;
    this.certificates = certificates;
    this.verified = verified;
    this.quorum = quorum;
    for (String kind : new String[] {"alive", "suspect", "dead", "leave", "meta"}) {
      contexts.put(kind, SigningContext.of(trustDomain, kind));
    }
  }

  public ClaimVerdict authenticate(Signed claim) {
    MemberId signer = signerOf(claim);
    if (signer == null) {
      return new ClaimVerdict.Rejected(ClaimRejection.NOT_GOSSIPABLE, "REVOKED comes from the registry only");
    }
    if (claim instanceof Dead dead) {
      ClaimVerdict evidence = checkEvidence(dead);
      if (!evidence.accepted()) {
        return evidence;
      }
    }
    ClaimProof proof;
    try {
      proof = ClaimProof.decode(claim.proof());
    } catch (MalformedFrameException | IllegalArgumentException e) {
      return new ClaimVerdict.Rejected(ClaimRejection.MALFORMED_PROOF, e.getMessage());
    }
    X509Certificate certificate;
    try {
      certificate = signerCertificate(proof);
    } catch (CertificateException e) {
      return new ClaimVerdict.Rejected(ClaimRejection.MALFORMED_PROOF, "enclosed certificate: " + e.getMessage());
    }
    if (certificate == null) {
      return new ClaimVerdict.Rejected(
          ClaimRejection.UNKNOWN_SIGNER_CERTIFICATE, "no certificate known for " + proof.fingerprint() + " of " + signer.uri());
    }
    NodeIdentity certified;
    try {
      certified = validator.validate(new X509Certificate[] {certificate}, PeerCertificateValidator.Purpose.CLIENT);
    } catch (PeerRejectedException e) {
      return new ClaimVerdict.Rejected(e.reason() == PeerRejectedException.Reason.REVOKED
          ? ClaimRejection.SIGNER_REVOKED : ClaimRejection.SIGNER_CERTIFICATE_REFUSED, e.getMessage());
    }
    if (!certified.uri().equals(signer.uri())) {
      return new ClaimVerdict.Rejected(
          ClaimRejection.SIGNER_MISMATCH, "signed with the certificate of " + certified.uri() + ", not of " + signer.uri());
    }
    if (proof.certificate() != null) {
      certificates.remember(proof.fingerprint(), certificate);
    }
    SigningContext context = contexts.get(ClaimCodec.kindLabel(claim));
    byte[] signed = ClaimCodec.signedBytes(claim);
    VerifiedSignatures.Key key = VerifiedSignatures.keyOf(context.label(), signed, proof.signature());
    if (verified.contains(key)) {
      return ClaimVerdict.ACCEPTED;
    }
    if (!ClaimVerifier.verify(certificate, context, signed, proof.signature())) {
      return new ClaimVerdict.Rejected(ClaimRejection.BAD_SIGNATURE, ClaimCodec.kindLabel(claim) + " about " + claim.subject().uri());
    }
    verified.add(key);
    return ClaimVerdict.ACCEPTED;
  }

  /** Who must have signed a claim, read from the claim; null for kinds gossip may not carry. */
  public static MemberId signerOf(Signed claim) {
    if (claim instanceof Alive || claim instanceof Leave || claim instanceof Meta) {
      return claim.subject();
    } else if (claim instanceof Suspect s) {
      return s.accuser();
    } else if (claim instanceof Dead d) {
      return d.declarer();
    }
    return null;
  }

  private ClaimVerdict checkEvidence(Dead dead) {
    for (Claim e : dead.evidence()) {
      ClaimVerdict v = authenticate(e);
      if (!v.accepted()) {
        ClaimVerdict.Rejected r = (ClaimVerdict.Rejected) v;
        // A revoked accuser, or one whose certificate this node lacks, is said as such: neither is the relay's fault.
        ClaimRejection why = r.reason() == ClaimRejection.SIGNER_REVOKED || r.reason() == ClaimRejection.UNKNOWN_SIGNER_CERTIFICATE
            ? r.reason() : ClaimRejection.INSUFFICIENT_EVIDENCE;
        return new ClaimVerdict.Rejected(why, "evidence " + ClaimCodec.kindLabel(e) + " rejected: " + r.detail());
      }
    }
    if (!dead.hasEvidence(quorum)) {
      return new ClaimVerdict.Rejected(
          ClaimRejection.INSUFFICIENT_EVIDENCE,
          "DEAD of " + dead.subject().uri() + " has " + dead.distinctAccusers() + " distinct accusers, needs " + quorum + " or the subject's LEAVE");
    }
    return ClaimVerdict.ACCEPTED;
  }

  private X509Certificate signerCertificate(ClaimProof proof) throws CertificateException {
    if (proof.certificate() == null) {
      return certificates.find(proof.fingerprint());
    }
    X509Certificate known = certificates.find(proof.fingerprint());
    if (known != null) {
      return known;
    }
    return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(proof.certificate()));
  }

  public String trustDomain() {
    return trustDomain;
  }

  public VerifiedSignatures verifiedSignatures() {
    return verified;
  }
}
