package dev.hearsay.crypto;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;

/**
 * Verifies claim signatures with BouncyCastle. Only checks the signature: whether the signer's
 * certificate is trusted is the {@link PeerCertificateValidator}'s decision, made separately.
 */
public final class ClaimVerifier {
  private ClaimVerifier() {}

  public static boolean verify(X509Certificate signer, SigningContext context, byte[] payload, byte[] signature) {
    return verify(signer.getPublicKey(), context, payload, signature);
  }

  public static boolean verify(PublicKey signer, SigningContext context, byte[] payload, byte[] signature) {
    if (signature == null || signature.length == 0 || signature.length > ClaimSigner.MAX_SIGNATURE_LENGTH) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance(ClaimSigner.ALGORITHM, BouncyCastle.PROVIDER);
      verifier.initVerify(signer);
      verifier.update(context.prefix());
      verifier.update(payload);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // A malformed signature (bad DER) is simply not a valid one.
      return false;
    }
  }
}
