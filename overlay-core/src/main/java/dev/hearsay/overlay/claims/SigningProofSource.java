package dev.hearsay.overlay.claims;

import dev.hearsay.crypto.ClaimSigner;
import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.Fingerprint;
import dev.hearsay.crypto.SigningContext;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.ProofSource;
import dev.hearsay.overlay.core.Signed;
import dev.hearsay.overlay.wire.ClaimCodec;
import java.security.cert.CertificateEncodingException;

/**
 * Signs this node's own claims with its certificate key. ALIVE claims carry the certificate itself
 * (a node that never met us can verify them, and learns the certificate for our later claims);
 * every other claim names it by fingerprint.
 */
public final class SigningProofSource implements ProofSource {
  private final ClaimSigner signer;
  private final String trustDomain;
  private final Fingerprint fingerprint;
  private final byte[] certificate;

  public SigningProofSource(Credentials credentials) {
    this.signer = new ClaimSigner(credentials.keyMaterial().privateKey());
    this.trustDomain = credentials.identity().trustDomain();
    this.fingerprint = Fingerprint.of(credentials.keyMaterial().certificate());
    try {
      this.certificate = credentials.keyMaterial().certificate().getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("own certificate cannot be encoded", e);
    }
  }

  @Override
  public byte[] proofFor(Signed unsigned) {
    byte[] signature = signer.sign(SigningContext.of(trustDomain, ClaimCodec.kindLabel(unsigned)), ClaimCodec.signedBytes(unsigned));
    ClaimProof proof =
        unsigned instanceof Alive
            ? ClaimProof.withCertificate(signature, fingerprint, certificate)
            : ClaimProof.withFingerprint(signature, fingerprint);
    return proof.encode();
  }
}
