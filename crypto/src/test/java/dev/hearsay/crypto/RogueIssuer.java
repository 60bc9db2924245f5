package dev.hearsay.crypto;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Signs leaf certificates our CA would refuse to issue (no URI, two URIs, a malformed URI, another
 * trust domain), with the genuine CA key: what a mis-issuance or a stolen template would produce.
 */
final class RogueIssuer {
  private RogueIssuer() {}

  static KeyMaterial issue(CertificateAuthority ca, List<String> uriSans, Instant now, Duration ttl) {
    return issue(ca.certificate(), ca.privateKey(), uriSans, now, ttl);
  }

  static KeyMaterial issue(X509Certificate caCert, PrivateKey caKey, List<String> uriSans, Instant now, Duration ttl) {
    return issue(caCert, caKey, uriSans, now, ttl, KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);
  }

  /** As the others, with only the extended key usages given. */
  static KeyMaterial issue(CertificateAuthority ca, List<String> uriSans, Instant now, Duration ttl, KeyPurposeId... usages) {
    return issue(ca.certificate(), ca.privateKey(), uriSans, now, ttl, usages);
  }

  private static KeyMaterial issue(
      X509Certificate caCert, PrivateKey caKey, List<String> uriSans, Instant now, Duration ttl, KeyPurposeId... usages) {
    try {
      KeyPair keys = KeyPairs.generateP256();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              caCert,
              BigInteger.valueOf(now.toEpochMilli()),
              Date.from(now.minusSeconds(60)),
              Date.from(now.plus(ttl)),
              new X500Name("CN=rogue"),
              keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(usages));
      if (!uriSans.isEmpty()) {
        GeneralName[] names =
            uriSans.stream().map(u -> new GeneralName(GeneralName.uniformResourceIdentifier, u)).toArray(GeneralName[]::new);
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      }
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey)));
      return new KeyMaterial(keys.getPrivate(), cert);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
