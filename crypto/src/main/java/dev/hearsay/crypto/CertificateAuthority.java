package dev.hearsay.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.net.IDN;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The overlay's root CA: one per trust domain. Its certificate is a path-length-0 CA whose name
 * constraints permit only URIs in its trust domain, so even a mis-issued leaf cannot claim another
 * overlay's identities. Leaves are ECDSA P-256 with serverAuth and clientAuth, a random 128-bit
 * serial and exactly one {@code spiffe://} URI SAN.
 */
public final class CertificateAuthority {
  public static final String CERT_FILE = "ca.pem";
  public static final String KEY_FILE = "ca.key";
  public static final Duration DEFAULT_CA_TTL = Duration.ofDays(3650);
  /** Tolerated clock skew between the issuer and the peers that check the certificate. */
  public static final Duration BACKDATE = Duration.ofMinutes(5);

  private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
  private static final Pattern DNS_NAME = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String trustDomain;
  private final X509Certificate certificate;
  private final PrivateKey privateKey;
  private final Clock clock;

  private CertificateAuthority(String trustDomain, X509Certificate certificate, PrivateKey privateKey, Clock clock) {
    this.trustDomain = trustDomain;
    this.certificate = certificate;
    this.privateKey = privateKey;
    this.clock = clock;
  }

  /** Creates a new root CA for a trust domain. */
  public static CertificateAuthority create(String trustDomain, Duration validity, Clock clock) {
    NodeIdentity.checkTrustDomain(trustDomain);
    KeyPair keys = KeyPairs.generateP256();
    Instant now = clock.instant();
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.O, "hearsay")
            .addRDN(BCStyle.CN, "hearsay CA " + trustDomain)
            .build();
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject, randomSerial(), Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), subject, keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
      GeneralSubtree permitted = new GeneralSubtree(new GeneralName(GeneralName.uniformResourceIdentifier, trustDomain));
      builder.addExtension(Extension.nameConstraints, true, new NameConstraints(new GeneralSubtree[] {permitted}, null));
      X509Certificate certificate = sign(builder, keys.getPrivate());
      return new CertificateAuthority(trustDomain, certificate, keys.getPrivate(), clock);
    } catch (CertIOException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("building the CA certificate failed", e);
    }
  }

  /** Loads {@code ca.pem} and {@code ca.key} from a directory made by {@link #save}. */
  public static CertificateAuthority load(Path dir, Clock clock) throws IOException {
    X509Certificate certificate = Pem.readCertificate(dir.resolve(CERT_FILE));
    PrivateKey key = Pem.readPrivateKey(dir.resolve(KEY_FILE));
    String domain = TrustBundle.trustDomainOf(certificate);
    if (!KeyMatch.matches(key, certificate.getPublicKey())) {
      throw new IOException(dir.resolve(KEY_FILE) + " is not the key of " + dir.resolve(CERT_FILE));
    }
    return new CertificateAuthority(domain, certificate, key, clock);
  }

  /**
   * Writes {@code ca.pem} and {@code ca.key} (0600). Refuses to replace existing files unless
   * {@code overwrite}: replacing a CA silently would orphan every certificate it issued.
   */
  public void save(Path dir, boolean overwrite) throws IOException {
    Path cert = dir.resolve(CERT_FILE);
    Path key = dir.resolve(KEY_FILE);
    if (!overwrite) {
      SecureFiles.refuseToOverwrite(cert, key);
    }
    Pem.writePrivateKey(key, privateKey);
    Pem.writeCertificates(cert, List.of(certificate));
  }

  /** Issues a certificate for a key the caller holds. */
  public X509Certificate issue(IssueRequest request, PublicKey subjectKey) {
    NodeIdentity id = request.identity();
    if (!id.trustDomain().equals(trustDomain)) {
      throw new InvalidIdentityException(
          "identity " + id + " is not in this CA's trust domain '" + trustDomain + "'");
    }
    Instant now = clock.instant();
    Instant notAfter = now.plus(request.ttl());
    if (notAfter.isAfter(certificate.getNotAfter().toInstant())) {
      notAfter = certificate.getNotAfter().toInstant();
    }
    X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "hearsay");
    id.tenant().ifPresent(t -> subject.addRDN(BCStyle.OU, t));
    subject.addRDN(BCStyle.CN, id.name());
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              certificate, randomSerial(), Date.from(now.minus(BACKDATE)), Date.from(notAfter), subject.build(), subjectKey);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames(request));
      builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
      builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
      return sign(builder, privateKey);
    } catch (CertIOException | java.security.NoSuchAlgorithmException | CertificateException e) {
      throw new IllegalStateException("building a certificate for " + id + " failed", e);
    }
  }

  /** Generates a new P-256 key and issues a certificate for it. */
  public KeyMaterial issueWithNewKey(IssueRequest request) {
    KeyPair keys = KeyPairs.generateP256();
    return new KeyMaterial(keys.getPrivate(), issue(request, keys.getPublic()));
  }

  /**
   * Issues a fresh key and certificate for the same identity and names as an existing certificate
   * of this CA, e.g. before it expires. The lifetime is the old one unless {@code ttl} is given.
   */
  public KeyMaterial renew(X509Certificate existing, Duration ttl) {
    try {
      existing.verify(certificate.getPublicKey());
    } catch (java.security.GeneralSecurityException e) {
      throw new InvalidIdentityException("certificate " + existing.getSerialNumber().toString(16) + " was not issued by this CA");
    }
    NodeIdentity id = NodeIdentity.fromCertificate(existing);
    Duration lifetime =
        ttl != null
            ? ttl
            : Duration.between(existing.getNotBefore().toInstant().plus(BACKDATE), existing.getNotAfter().toInstant());
    return issueWithNewKey(new IssueRequest(id, lifetime, SubjectNames.dnsNames(existing), SubjectNames.ipAddresses(existing)));
  }

  private static GeneralNames subjectAltNames(IssueRequest request) {
    List<GeneralName> names = new ArrayList<>();
    names.add(new GeneralName(GeneralName.uniformResourceIdentifier, request.identity().uri()));
    for (String dns : request.dnsNames()) {
      String ascii = IDN.toASCII(dns).toLowerCase(java.util.Locale.ROOT);
      if (!DNS_NAME.matcher(ascii).matches()) {
        throw new IllegalArgumentException("not a valid DNS name: '" + dns + "'");
      }
      names.add(new GeneralName(GeneralName.dNSName, ascii));
    }
    for (InetAddress ip : request.ipAddresses()) {
      names.add(new GeneralName(GeneralName.iPAddress, new org.bouncycastle.asn1.DEROctetString(ip.getAddress())));
    }
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) {
    try {
      ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).setProvider(BouncyCastle.PROVIDER).build(key);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (OperatorCreationException | CertificateException e) {
      throw new IllegalStateException("signing a certificate failed", e);
    }
  }

  /** A positive serial of 128 random bits (RFC 5280 allows up to 20 octets). */
  private static BigInteger randomSerial() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    BigInteger serial = new BigInteger(1, bytes);
    return serial.signum() == 0 ? BigInteger.ONE : serial;
  }

  /** For tests in this package that must mis-issue on purpose. */
  PrivateKey privateKey() {
    return privateKey;
  }

  public String trustDomain() {
    return trustDomain;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public TrustBundle trustBundle() {
    return new TrustBundle(List.of(certificate));
  }
}
