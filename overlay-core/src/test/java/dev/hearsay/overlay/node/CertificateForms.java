package dev.hearsay.overlay.node;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.overlay.claims.ClaimProof;
import dev.hearsay.overlay.claims.SigningProofSource;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.Meta;
import dev.hearsay.overlay.core.Signed;

/** Test helper: a claim with its certificate slot in one form or the other. */
final class CertificateForms {
  private CertificateForms() {}

  static Alive byFingerprint(Alive a) {
    ClaimProof p = ClaimProof.decode(a.proof());
    return new Alive(a.subject(), a.incarnation(), a.address(), a.metaVersion(),
        ClaimProof.withFingerprint(p.signature(), p.fingerprint()).encode());
  }

  /** {@code unsigned} signed by {@code signer}, its certificate enclosed (so the receiver can check who signed). */
  static Meta signedWithCertificate(Credentials signer, Meta unsigned) throws Exception {
    return new Meta(unsigned.subject(), unsigned.version(), unsigned.shared(), unsigned.entries(), proofWithCertificate(signer, unsigned));
  }

  /** A proof of {@code unsigned} by {@code signer} that encloses its certificate. */
  static byte[] proofWithCertificate(Credentials signer, Signed unsigned) throws Exception {
    ClaimProof p = ClaimProof.decode(new SigningProofSource(signer).proofFor(unsigned));
    return ClaimProof.withCertificate(p.signature(), p.fingerprint(), signer.keyMaterial().certificate().getEncoded()).encode();
  }

  /** {@code member}'s own ALIVE at incarnation 0, signed by it, its certificate enclosed. */
  static Alive ownAlive(Credentials member, String address) {
    Alive unsigned = new Alive(MemberId.parse(member.identity().uri()), 0, address, 0, new byte[0]);
    return new Alive(unsigned.subject(), 0, address, 0, new SigningProofSource(member).proofFor(unsigned));
  }

  static boolean hasCertificate(Signed claim) {
    return ClaimProof.decode(claim.proof()).certificate() != null;
  }
}
