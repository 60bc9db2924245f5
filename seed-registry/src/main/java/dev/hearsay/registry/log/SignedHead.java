package dev.hearsay.registry.log;

import dev.hearsay.crypto.ClaimSigner;
import dev.hearsay.crypto.ClaimVerifier;
import dev.hearsay.crypto.KeyMaterial;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.Role;
import dev.hearsay.crypto.SigningContext;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The registry's word on its log: {@code {sequence, hash, time}} signed with the registry's
 * certificate key under {@code hearsay/v1/<domain>/registry-head}. The time is when the registry
 * signed it, so a head also tells how fresh a node's view is. The signer's certificate travels with
 * the head, so a head relayed by gossip can be checked by a node that never spoke to the registry
 * (see {@link HeadVerifier} for the trust decision).
 */
public final class SignedHead {
  public static final String SIGNING_KIND = "registry-head";
  public static final byte PAYLOAD_VERSION = 1;
  /** A registry certificate is well under 1 KiB; anything much larger is not one. */
  public static final int MAX_CERTIFICATE_LENGTH = 8192;

  private final LogPosition position;
  private final Instant time;
  private final X509Certificate certificate;
  private final byte[] signature;

  private SignedHead(LogPosition position, Instant time, X509Certificate certificate, byte[] signature) {
    this.position = Objects.requireNonNull(position, "position");
    this.time = Instant.ofEpochMilli(Objects.requireNonNull(time, "time").toEpochMilli());
    this.certificate = Objects.requireNonNull(certificate, "certificate");
    this.signature = Objects.requireNonNull(signature, "signature").clone();
  }

  /** Signs a position at a time with the registry's key; the certificate must name a registry. */
  public static SignedHead sign(LogPosition position, Instant time, KeyMaterial registry) {
    NodeIdentity signer = registry.identity();
    if (signer.role() != Role.REGISTRY) {
      throw new IllegalArgumentException("heads are signed by registries, not by " + signer);
    }
    Instant millis = Instant.ofEpochMilli(time.toEpochMilli());
    byte[] signature = new ClaimSigner(registry.privateKey()).sign(contextFor(signer), payload(position, millis));
    return new SignedHead(position, millis, registry.certificate(), signature);
  }

  /** A head as received; nothing is checked until {@link #verify} or a {@link HeadVerifier} runs. */
  public static SignedHead of(LogPosition position, Instant time, X509Certificate certificate, byte[] signature) {
    return new SignedHead(position, time, certificate, signature);
  }

  /** Parses a DER certificate of bounded size; the error names the problem. */
  public static X509Certificate parseCertificate(byte[] der) {
    if (der == null || der.length == 0 || der.length > MAX_CERTIFICATE_LENGTH) {
      throw new IllegalArgumentException("a head certificate is 1 to " + MAX_CERTIFICATE_LENGTH + " bytes of DER");
    }
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | ClassCastException e) {
      throw new IllegalArgumentException("head certificate is not an X.509 certificate: " + e.getMessage());
    }
  }

  static SigningContext contextFor(NodeIdentity registry) {
    return SigningContext.of(registry.trustDomain(), SIGNING_KIND);
  }

  /** {@code u8 version, u64 sequence, 32-byte hash, i64 epoch millis}. */
  static byte[] payload(LogPosition position, Instant time) {
    return ByteBuffer.allocate(1 + 8 + ChainHash.LENGTH + 8)
        .put(PAYLOAD_VERSION)
        .putLong(position.sequence())
        .put(position.hash().toBytes())
        .putLong(time.toEpochMilli())
        .array();
  }

  /**
   * Whether this head is signed by the key of the given certificate, and that certificate names a
   * registry. Says nothing about whether the certificate is trusted: that is {@link HeadVerifier}'s job.
   */
  public boolean verify(X509Certificate registryCertificate) {
    NodeIdentity signer;
    try {
      signer = NodeIdentity.fromCertificate(registryCertificate);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return signer.role() == Role.REGISTRY
        && ClaimVerifier.verify(registryCertificate, contextFor(signer), payload(position, time), signature);
  }

  public long sequence() {
    return position.sequence();
  }

  public ChainHash hash() {
    return position.hash();
  }

  public LogPosition position() {
    return position;
  }

  public Instant time() {
    return time;
  }

  /** The certificate of the registry that claims to have signed this head. */
  public X509Certificate certificate() {
    return certificate;
  }

  public byte[] certificateDer() {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("head certificate cannot be encoded", e);
    }
  }

  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedHead h
        && position.equals(h.position)
        && time.equals(h.time)
        && certificate.equals(h.certificate)
        && Arrays.equals(signature, h.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(position, time);
  }

  @Override
  public String toString() {
    return "head #" + position.sequence() + " " + position.hash().hex().substring(0, 16) + "... at " + time;
  }
}
