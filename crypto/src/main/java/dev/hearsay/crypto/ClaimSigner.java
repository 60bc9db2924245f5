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
  /** One engine per thread: creating one per signature costs more than the signature's hashing. */
  private static final ThreadLocal<Signature> ENGINE = ThreadLocal.withInitial(() -> {
    try {
      return Signature.getInstance(ALGORITHM, BouncyCastle.PROVIDER);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("BouncyCastle has no " + ALGORITHM, e);
    }
  });

  public ClaimSigner(PrivateKey key) {
    this.key = toBouncyCastle(Objects.requireNonNull(key, "key"));
  }

  /** BouncyCastle signs faster with its own key form; converted once, here. */
  private static PrivateKey toBouncyCastle(PrivateKey key) {
    try {
      return java.security.KeyFactory.getInstance(key.getAlgorithm(), BouncyCastle.PROVIDER)
          .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(key.getEncoded()));
    } catch (GeneralSecurityException e) {
      return key;
    }
  }

  public byte[] sign(SigningContext context, byte[] payload) {
    try {
      Signature signature = ENGINE.get();
      signature.initSign(key);
      signature.update(context.prefix());
      signature.update(payload);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing under " + context + " failed", e);
    }
  }
}
