package dev.hearsay.overlay.node;

import com.github.benmanes.caffeine.cache.Cache;
import dev.hearsay.crypto.Caches;
import dev.hearsay.crypto.Fingerprint;
import dev.hearsay.crypto.NodeIdentity;
import java.time.Duration;

/**
 * Which member certificates each peer has already been sent, so later ALIVEs can name them by
 * fingerprint. Per peer a direct-mapped table of fingerprint prefixes (2 KiB): a collision or an
 * expired peer only means a certificate is sent again, never that one is missing for good (a peer
 * that lacks one asks for it with a pull). Bounded in peers and per peer.
 */
final class CertificatesSent {
  static final int SLOTS_PER_PEER = 256;
  static final int MAX_PEERS = 4096;
  /** A peer silent this long may have restarted with an empty certificate cache. */
  static final Duration FORGET_AFTER = Duration.ofMinutes(10);

  private final Cache<NodeIdentity, long[]> byPeer =
      Caches.builder().maximumSize(MAX_PEERS).expireAfterAccess(FORGET_AFTER).build();

  /** True if {@code peer} was already sent {@code certificate}; records it as sent otherwise. */
  boolean alreadySent(NodeIdentity peer, Fingerprint certificate) {
    long[] table = byPeer.get(peer, p -> new long[SLOTS_PER_PEER]);
    long key = prefixOf(certificate);
    int slot = (int) (key ^ (key >>> 32)) & (SLOTS_PER_PEER - 1);
    if (table[slot] == key) {
      return true;
    }
    table[slot] = key;
    return false;
  }

  /** The peer lost what it had (it asked for a certificate again, or reconnected after a restart). */
  void forget(NodeIdentity peer) {
    byPeer.invalidate(peer);
  }

  private static long prefixOf(Fingerprint f) {
    byte[] b = f.toBytes();
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[i] & 0xff);
    }
    return v == 0 ? 1 : v; // 0 marks an empty slot
  }
}
