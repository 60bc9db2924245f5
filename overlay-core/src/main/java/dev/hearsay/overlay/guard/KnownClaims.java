package dev.hearsay.overlay.guard;

import com.github.benmanes.caffeine.cache.Cache;
import dev.hearsay.crypto.Caches;
import dev.hearsay.overlay.core.Claim;
import java.util.List;

/**
 * Claims this node has already seen from any peer, by a 64-bit fingerprint of (kind, subject,
 * incarnation, proof). Gossip delivers every claim many times; only the first copy counts against
 * the relaying peer's claim budget. A collision only means a claim is not counted, never that it
 * skips authentication. Bounded by size; a fingerprint not seen for a while is forgotten.
 */
final class KnownClaims {
  private final Cache<Long, Boolean> seen;

  KnownClaims(int capacity) {
    this.seen = Caches.builder().maximumSize(capacity).build();
  }

  long[] fingerprints(List<Claim> claims) {
    long[] f = new long[claims.size()];
    for (int i = 0; i < f.length; i++) {
      f[i] = fingerprint(claims.get(i));
    }
    return f;
  }

  /** How many of {@code fingerprints} were not seen before. */
  int countNew(long[] fingerprints) {
    int fresh = 0;
    for (long f : fingerprints) {
      if (seen.getIfPresent(f) == null) {
        fresh++;
      }
    }
    return fresh;
  }

  /** Remembers claims once a message carrying them was accepted whole (a refused claim stays new). */
  void remember(long[] fingerprints) {
    for (long f : fingerprints) {
      seen.put(f, Boolean.TRUE);
    }
  }

  static long fingerprint(Claim c) {
    long h = 0xcbf29ce484222325L;
    h = mix(h, c.getClass().getName().hashCode());
    h = mix(h, c.subject().uri().hashCode());
    h = mix(h, c.incarnation());
    for (byte b : c.proof()) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    return h;
  }

  private static long mix(long h, long v) {
    h ^= v;
    h *= 0x100000001b3L;
    return h ^ (h >>> 29);
  }
}
