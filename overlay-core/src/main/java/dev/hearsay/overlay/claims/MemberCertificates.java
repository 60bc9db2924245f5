package dev.hearsay.overlay.claims;

import com.github.benmanes.caffeine.cache.Cache;
import dev.hearsay.crypto.Caches;
import dev.hearsay.crypto.Fingerprint;
import java.security.cert.X509Certificate;

/**
 * The certificates of members this node has seen, by fingerprint, so claims can name their
 * signer's certificate in 32 bytes. Only certificates that passed the trust check are kept; they
 * are checked again (validity, revocation) every time they are used. Bounded: a flood of
 * certificates evicts the least used, it does not grow the heap.
 */
public final class MemberCertificates {
  public static final int DEFAULT_CAPACITY = 100_000;
  private final Cache<Fingerprint, X509Certificate> byFingerprint;

  public MemberCertificates(int capacity) {
    this.byFingerprint = Caches.builder().maximumSize(capacity).build();
  }

  public X509Certificate find(Fingerprint fingerprint) {
    return byFingerprint.getIfPresent(fingerprint);
  }

  public void remember(Fingerprint fingerprint, X509Certificate certificate) {
    byFingerprint.put(fingerprint, certificate);
  }
}
