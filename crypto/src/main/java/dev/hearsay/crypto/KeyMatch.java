package dev.hearsay.crypto;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/** Checks that a private key belongs to a public key, so mismatched files are caught at load time. */
final class KeyMatch {
  private static final byte[] PROBE = "hearsay key match probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private KeyMatch() {}

  static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
    try {
      Signature signer = Signature.getInstance("SHA256withECDSA", BouncyCastle.PROVIDER);
      signer.initSign(privateKey);
      signer.update(PROBE);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance("SHA256withECDSA", BouncyCastle.PROVIDER);
      verifier.initVerify(publicKey);
      verifier.update(PROBE);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
