package dev.hearsay.crypto;

import com.github.benmanes.caffeine.cache.Cache;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;

/**
 * Verifies claim signatures with BouncyCastle. Only checks the signature: whether the signer's
 * certificate is trusted is the {@link PeerCertificateValidator}'s decision, made separately.
 *
 * <p>Verification is the node's hottest path, so two costs are paid once rather than per claim: a
 * signer's key is converted to BouncyCastle's own form once (remembered per key, bounded), and each
 * thread reuses one {@link Signature} engine.
 */
public final class ClaimVerifier {
  private static final int KEY_CACHE_SIZE = 100_000;
  private static final Cache<PublicKey, PublicKey> BC_KEYS =
      Caches.builder().maximumSize(KEY_CACHE_SIZE).build();
  private static final ThreadLocal<Signature> ENGINE = ThreadLocal.withInitial(() -> {
    try {
      return Signature.getInstance(ClaimSigner.ALGORITHM, BouncyCastle.PROVIDER);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("BouncyCastle has no " + ClaimSigner.ALGORITHM, e);
    }
  });

  private ClaimVerifier() {}

  public static boolean verify(X509Certificate signer, SigningContext context, byte[] payload, byte[] signature) {
    return verify(signer.getPublicKey(), context, payload, signature);
  }

  public static boolean verify(PublicKey signer, SigningContext context, byte[] payload, byte[] signature) {
    if (signature == null || signature.length == 0 || signature.length > ClaimSigner.MAX_SIGNATURE_LENGTH) {
      return false;
    }
    try {
      Signature verifier = ENGINE.get();
      verifier.initVerify(BC_KEYS.get(signer, ClaimVerifier::toBouncyCastle));
      verifier.update(context.prefix());
      verifier.update(payload);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // A malformed signature (bad DER) is simply not a valid one.
      return false;
    }
  }

  private static PublicKey toBouncyCastle(PublicKey key) {
    try {
      return KeyFactory.getInstance(key.getAlgorithm(), BouncyCastle.PROVIDER).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
    } catch (GeneralSecurityException e) {
      return key; // BouncyCastle can still take the key as it is, only more slowly
    }
  }
}
