package dev.hearsay.crypto;

import com.github.benmanes.caffeine.cache.Cache;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import dev.hearsay.crypto.PeerRejectedException.Reason;

/**
 * The trust decision for a peer's certificate chain: a leaf is present and is a leaf for the right
 * purpose, it is within validity (by the injected clock), it names exactly one well-formed identity
 * in this overlay's trust domain, it chains to the trust bundle, and the revocation check does not
 * object. The result is the peer's identity.
 *
 * <p>Everything that depends on the chain's bytes alone (the leaf's shape and purpose, its identity,
 * the chain's signatures) is decided once per chain and purpose and remembered by the chain's digest:
 * gossip brings the same signer's certificate with every claim it relays, and reconnects bring the
 * same chain, so either then costs a hash. Validity (by the clock) and revocation change with time
 * and are checked on every call.
 */
public final class PeerCertificateValidator {
  /** Which side of a handshake the chain belongs to; it decides the extended key usage required. */
  public enum Purpose {
    CLIENT("1.3.6.1.5.5.7.3.2", "clientAuth"),
    SERVER("1.3.6.1.5.5.7.3.1", "serverAuth");

    final String oid;
    final String label;

    Purpose(String oid, String label) {
      this.oid = oid;
      this.label = label;
    }
  }

  private static final int TRUSTED_CHAIN_CACHE_SIZE = 65_536;

  private final TrustBundle bundle;
  private final String trustDomain;
  private final Clock clock;
  private final RevocationCheck revocation;
  /** Chains that passed every check but validity and revocation, with the identity they name. */
  private final Cache<TrustedChain, NodeIdentity> trustedChains =
      Caches.builder().maximumSize(TRUSTED_CHAIN_CACHE_SIZE).build();

  public PeerCertificateValidator(TrustBundle bundle, String trustDomain, Clock clock, RevocationCheck revocation) {
    this.bundle = Objects.requireNonNull(bundle, "bundle");
    this.trustDomain = NodeIdentity.checkTrustDomain(trustDomain);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.revocation = Objects.requireNonNull(revocation, "revocation");
    if (!bundle.trustDomain().equals(trustDomain)) {
      throw new IllegalArgumentException(
          "trust bundle is for '" + bundle.trustDomain() + "', not for '" + trustDomain + "'");
    }
  }

  public NodeIdentity validate(X509Certificate[] chain, Purpose purpose) throws PeerRejectedException {
    if (chain == null || chain.length == 0) {
      throw new PeerRejectedException(Reason.NO_CERTIFICATE, "the peer presented no certificate");
    }
    X509Certificate leaf = chain[0];
    Date now = Date.from(clock.instant());
    TrustedChain key = new TrustedChain(ChainDigest.of(chain), purpose);
    NodeIdentity identity = trustedChains.getIfPresent(key);
    if (identity == null) {
      identity = checkOnce(chain, purpose, now);
      trustedChains.put(key, identity);
    } else {
      checkValidity(chain, now);
    }
    Optional<String> revoked = revocation.revocationReason(leaf, identity);
    if (revoked.isPresent()) {
      throw new PeerRejectedException(
          Reason.REVOKED, "certificate " + serialOf(leaf) + " of " + identity + " is revoked: " + revoked.get());
    }
    return identity;
  }

  /** Every check of a chain not seen before, in the order that gives the most specific reason first. */
  private NodeIdentity checkOnce(X509Certificate[] chain, Purpose purpose, Date now) throws PeerRejectedException {
    X509Certificate leaf = chain[0];
    String serial = serialOf(leaf);
    checkLeaf(leaf, serial, purpose);
    checkValidity(chain, now);
    // The identity is read (not yet trusted) before the chain is verified, so a certificate of the
    // wrong shape is refused with the specific reason rather than a generic chain failure.
    NodeIdentity identity = identityOf(leaf, serial);
    if (!identity.trustDomain().equals(trustDomain)) {
      throw new PeerRejectedException(
          Reason.FOREIGN_TRUST_DOMAIN, identity + " is not in trust domain '" + trustDomain + "'");
    }
    checkChain(chain, now, serial);
    return identity;
  }

  private static String serialOf(X509Certificate leaf) {
    return leaf.getSerialNumber().toString(16);
  }

  private static void checkLeaf(X509Certificate leaf, String serial, Purpose purpose) throws PeerRejectedException {
    if (leaf.getBasicConstraints() >= 0) {
      throw new PeerRejectedException(Reason.NOT_A_LEAF, "certificate " + serial + " is a CA certificate");
    }
    boolean[] keyUsage = leaf.getKeyUsage();
    if (keyUsage != null && !keyUsage[0]) {
      throw new PeerRejectedException(Reason.WRONG_KEY_USAGE, "certificate " + serial + " lacks digitalSignature");
    }
    List<String> eku;
    try {
      eku = leaf.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      throw new PeerRejectedException(Reason.WRONG_KEY_USAGE, "certificate " + serial + " has an unreadable extendedKeyUsage");
    }
    if (eku == null || !eku.contains(purpose.oid)) {
      throw new PeerRejectedException(
          Reason.WRONG_KEY_USAGE, "certificate " + serial + " is not for " + purpose.label);
    }
  }

  private static void checkValidity(X509Certificate[] chain, Date now) throws PeerRejectedException {
    for (X509Certificate certificate : chain) {
      try {
        certificate.checkValidity(now);
      } catch (CertificateExpiredException e) {
        throw new PeerRejectedException(Reason.EXPIRED,
            nameOf(certificate, chain) + " expired at " + certificate.getNotAfter().toInstant() + " (now " + now.toInstant() + ")");
      } catch (CertificateNotYetValidException e) {
        throw new PeerRejectedException(Reason.NOT_YET_VALID,
            nameOf(certificate, chain) + " is valid only from " + certificate.getNotBefore().toInstant() + " (now " + now.toInstant() + ")");
      }
    }
  }

  private static String nameOf(X509Certificate certificate, X509Certificate[] chain) {
    return certificate == chain[0] ? "certificate " + serialOf(certificate) : "issuer " + certificate.getSubjectX500Principal();
  }

  private void checkChain(X509Certificate[] chain, Date now, String serial) throws PeerRejectedException {
    List<X509Certificate> path = new ArrayList<>();
    for (X509Certificate certificate : chain) {
      if (!bundle.contains(certificate)) {
        path.add(certificate);
      }
    }
    try {
      CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
      PKIXParameters params = new PKIXParameters(bundle.anchors());
      params.setRevocationEnabled(false);
      params.setDate(now);
      CertPathValidator.getInstance("PKIX").validate(certPath, params);
    } catch (GeneralSecurityException e) {
      throw new PeerRejectedException(
          Reason.UNTRUSTED_ISSUER,
          "certificate " + serial + " issued by " + chain[0].getIssuerX500Principal()
              + " does not chain to the trust bundle of '" + trustDomain + "' (" + e.getMessage() + ")");
    }
  }

  private static NodeIdentity identityOf(X509Certificate leaf, String serial) throws PeerRejectedException {
    if (NodeIdentity.spiffeUris(leaf).isEmpty()) {
      throw new PeerRejectedException(Reason.MISSING_IDENTITY, "certificate " + serial + " has no spiffe:// URI SAN");
    }
    try {
      return NodeIdentity.fromCertificate(leaf);
    } catch (InvalidIdentityException e) {
      throw new PeerRejectedException(Reason.MALFORMED_IDENTITY, e.getMessage());
    }
  }

  /** A chain that passed the checks for one purpose; the same chain may fail them for the other. */
  private record TrustedChain(ChainDigest digest, Purpose purpose) {}

  /** SHA-256 over the DER of every certificate of a chain, in order, as four longs (a cheap cache key). */
  private record ChainDigest(long a, long b, long c, long d) {
    static ChainDigest of(X509Certificate[] chain) throws PeerRejectedException {
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (X509Certificate certificate : chain) {
          sha.update(certificate.getEncoded());
        }
        java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(sha.digest());
        return new ChainDigest(h.getLong(), h.getLong(), h.getLong(), h.getLong());
      } catch (CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
        throw new PeerRejectedException(Reason.UNTRUSTED_ISSUER, "certificate chain cannot be encoded");
      }
    }
  }
}
