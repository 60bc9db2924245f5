package dev.hearsay.crypto;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Objects;

/** Signs claims with a principal's certificate key (ECDSA P-256, SHA-256, DER signature). */
public final class ClaimSigner {
  public static final String ALGORITHM = "SHA256withECDSA";
  /** A DER-encoded P-256 ECDSA signature is at most 72 bytes. */
  public static final int MAX_SIGNATURE_LENGTH = 72;

  private final PrivateKey key;

  public ClaimSigner(PrivateKey key) {
    this.key = Objects.requireNonNull(key, "key");
  }

  public byte[] sign(SigningContext context, byte[] payload) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM, BouncyCastle.PROVIDER);
      signature.initSign(key);
      signature.update(context.prefix());
      signature.update(payload);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing under " + context + " failed", e);
    }
  }
}
