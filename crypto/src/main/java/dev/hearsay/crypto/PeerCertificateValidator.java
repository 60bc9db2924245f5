package dev.hearsay.crypto;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
 * <p>Chain signatures are the only expensive part; a chain that verified once is remembered by its
 * digest, so reconnects cost a hash. Validity and revocation are checked on every call.
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

  private static final int VERIFIED_CHAIN_CACHE_SIZE = 65_536;

  private final TrustBundle bundle;
  private final String trustDomain;
  private final Clock clock;
  private final RevocationCheck revocation;
  private final Cache<ChainDigest, Boolean> verifiedChains =
      Caffeine.newBuilder().maximumSize(VERIFIED_CHAIN_CACHE_SIZE).build();

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
    String serial = leaf.getSerialNumber().toString(16);
    checkLeaf(leaf, serial, purpose);
    Date now = Date.from(clock.instant());
    for (X509Certificate certificate : chain) {
      checkValidity(certificate, now, certificate == leaf ? "certificate " + serial : "issuer " + certificate.getSubjectX500Principal());
    }
    // The identity is read (not yet trusted) before the chain is verified, so a certificate of the
    // wrong shape is refused with the specific reason rather than a generic chain failure.
    NodeIdentity identity = identityOf(leaf, serial);
    if (!identity.trustDomain().equals(trustDomain)) {
      throw new PeerRejectedException(
          Reason.FOREIGN_TRUST_DOMAIN, identity + " is not in trust domain '" + trustDomain + "'");
    }
    checkChain(chain, now, serial);
    Optional<String> revoked = revocation.revocationReason(leaf, identity);
    if (revoked.isPresent()) {
      throw new PeerRejectedException(
          Reason.REVOKED, "certificate " + serial + " of " + identity + " is revoked: " + revoked.get());
    }
    return identity;
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

  private static void checkValidity(X509Certificate certificate, Date now, String what) throws PeerRejectedException {
    try {
      certificate.checkValidity(now);
    } catch (CertificateExpiredException e) {
      throw new PeerRejectedException(
          Reason.EXPIRED, what + " expired at " + certificate.getNotAfter().toInstant() + " (now " + now.toInstant() + ")");
    } catch (CertificateNotYetValidException e) {
      throw new PeerRejectedException(
          Reason.NOT_YET_VALID,
          what + " is valid only from " + certificate.getNotBefore().toInstant() + " (now " + now.toInstant() + ")");
    }
  }

  private void checkChain(X509Certificate[] chain, Date now, String serial) throws PeerRejectedException {
    ChainDigest digest = ChainDigest.of(chain);
    if (verifiedChains.getIfPresent(digest) != null) {
      return;
    }
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
    verifiedChains.put(digest, Boolean.TRUE);
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

  /** SHA-256 over the DER of every certificate of a chain, in order. */
  private record ChainDigest(String hex) {
    static ChainDigest of(X509Certificate[] chain) throws PeerRejectedException {
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (X509Certificate certificate : chain) {
          sha.update(certificate.getEncoded());
        }
        return new ChainDigest(java.util.HexFormat.of().formatHex(sha.digest()));
      } catch (CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
        throw new PeerRejectedException(Reason.UNTRUSTED_ISSUER, "certificate chain cannot be encoded");
      }
    }
  }
}
