package dev.hearsay.overlay.claims;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.hearsay.crypto.Caches;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Signatures already verified, by SHA-256 over (signing context, signed bytes, signature): gossip
 * delivers the same claim many times, and a hash is about a thousand times cheaper than an ECDSA
 * verification. Only successes are remembered, so a forged copy is still checked (and fails).
 */
public final class VerifiedSignatures {
  public static final int DEFAULT_CAPACITY = 200_000;

  private final Cache<Key, Boolean> verified;

  public VerifiedSignatures(int capacity) {
    this.verified = Caches.builder().maximumSize(capacity).recordStats().build();
  }

  /** A 256-bit digest as four longs: a compact, allocation-light cache key. */
  record Key(long a, long b, long c, long d) {}

  static Key keyOf(String context, byte[] signed, byte[] signature) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(context.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      sha.update((byte) 0);
      sha.update(signed);
      sha.update(signature);
      ByteBuffer h = ByteBuffer.wrap(sha.digest());
      return new Key(h.getLong(), h.getLong(), h.getLong(), h.getLong());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  boolean contains(Key key) {
    return verified.getIfPresent(key) != null;
  }

  void add(Key key) {
    verified.put(key, Boolean.TRUE);
  }

  public CacheStats stats() {
    return verified.stats();
  }
}
