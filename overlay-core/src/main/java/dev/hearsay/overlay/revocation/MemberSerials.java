package dev.hearsay.overlay.revocation;

import com.github.benmanes.caffeine.cache.Cache;
import dev.hearsay.crypto.Caches;
import dev.hearsay.crypto.Fingerprint;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.overlay.claims.ClaimProof;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.registry.log.RevocationTarget;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * Which member a certificate serial belongs to, learned from authenticated ALIVE claims (each
 * carries its signer's certificate). A registry entry names a serial; enforcing it in the
 * membership view needs the member. Also remembers each member's current serial (the one in its
 * highest-incarnation ALIVE), so revoking an old certificate of a renewed member closes its old
 * connections without taking the member out of the view. Bounded like the claim certificate cache.
 */
final class MemberSerials {
  static final int CAPACITY = 100_000;

  private record Current(String serial, long incarnation) {}

  /** Gossip repeats the same ALIVE many times; a known certificate is not parsed again. */
  private final Cache<Fingerprint, String> serialByFingerprint =
      Caches.builder().maximumSize(CAPACITY).build();
  private final Cache<String, NodeIdentity> ownerBySerial =
      Caches.builder().maximumSize(CAPACITY).build();
  private final Cache<NodeIdentity, Current> currentByMember =
      Caches.builder().maximumSize(CAPACITY).build();

  /** Records the certificate of an ALIVE that passed authentication; anything unreadable is ignored. */
  void learn(Alive alive) {
    ClaimProof proof;
    try {
      proof = ClaimProof.decode(alive.proof());
    } catch (RuntimeException e) {
      return;
    }
    if (proof.certificate() == null) {
      return;
    }
    String serial = serialByFingerprint.get(proof.fingerprint(), f -> serialOf(proof.certificate()));
    if (serial == null) {
      return;
    }
    NodeIdentity owner;
    try {
      owner = NodeIdentity.parse(alive.subject().uri());
    } catch (IllegalArgumentException e) {
      return;
    }
    ownerBySerial.put(serial, owner);
    currentByMember.asMap().merge(owner, new Current(serial, alive.incarnation()),
        (old, fresh) -> fresh.incarnation() >= old.incarnation() ? fresh : old);
  }

  /** The member whose certificate has this serial, or null if this node never saw it. */
  NodeIdentity ownerOf(String serialHex) {
    return ownerBySerial.getIfPresent(serialHex);
  }

  /** Whether the serial is the member's newest known certificate. */
  boolean isCurrent(NodeIdentity member, String serialHex) {
    Current c = currentByMember.getIfPresent(member);
    return c != null && c.serial().equals(serialHex);
  }

  private static String serialOf(byte[] der) {
    try {
      X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
      return RevocationTarget.serialOf(c).value();
    } catch (RuntimeException | CertificateException e) {
      return null;
    }
  }
}
