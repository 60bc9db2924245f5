package dev.hearsay.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * What a principal needs to speak mutual TLS: its key and certificate, and the trust bundle. On disk
 * a certificate directory holds {@code cert.pem}, {@code key.pem} (0600) and {@code ca.pem}.
 */
public record Credentials(KeyMaterial keyMaterial, TrustBundle trustBundle, NodeIdentity identity) {
  public static final String CERT_FILE = "cert.pem";
  public static final String KEY_FILE = "key.pem";
  public static final String BUNDLE_FILE = "ca.pem";

  public Credentials {
    Objects.requireNonNull(keyMaterial, "keyMaterial");
    Objects.requireNonNull(trustBundle, "trustBundle");
    Objects.requireNonNull(identity, "identity");
    if (!identity.trustDomain().equals(trustBundle.trustDomain())) {
      throw new IllegalArgumentException(
          identity + " is not in the trust bundle's domain '" + trustBundle.trustDomain() + "'");
    }
  }

  public static Credentials of(KeyMaterial keyMaterial, TrustBundle trustBundle) {
    return new Credentials(keyMaterial, trustBundle, keyMaterial.identity());
  }

  /** Loads and cross-checks a certificate directory; every problem names the file. */
  public static Credentials load(Path dir) throws IOException {
    Path certFile = dir.resolve(CERT_FILE);
    Path keyFile = dir.resolve(KEY_FILE);
    Path bundleFile = dir.resolve(BUNDLE_FILE);
    for (Path p : new Path[] {certFile, keyFile, bundleFile}) {
      if (!Files.isRegularFile(p)) {
        throw new IOException(p + " is missing (a certificate directory holds cert.pem, key.pem and ca.pem)");
      }
    }
    X509Certificate certificate = Pem.readCertificate(certFile);
    KeyMaterial keyMaterial = new KeyMaterial(Pem.readPrivateKey(keyFile), certificate);
    if (!KeyMatch.matches(keyMaterial.privateKey(), certificate.getPublicKey())) {
      throw new IOException(keyFile + " is not the key of " + certFile);
    }
    TrustBundle bundle = TrustBundle.load(bundleFile);
    NodeIdentity identity;
    try {
      identity = NodeIdentity.fromCertificate(certificate);
      return new Credentials(keyMaterial, bundle, identity);
    } catch (IllegalArgumentException e) {
      throw new IOException(certFile + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code cert.pem}, {@code key.pem} (0600) and {@code ca.pem} into a directory. */
  public void save(Path dir, boolean overwrite) throws IOException {
    Path certFile = dir.resolve(CERT_FILE);
    Path keyFile = dir.resolve(KEY_FILE);
    Path bundleFile = dir.resolve(BUNDLE_FILE);
    if (!overwrite) {
      SecureFiles.refuseToOverwrite(certFile, keyFile, bundleFile);
    }
    Pem.writePrivateKey(keyFile, keyMaterial.privateKey());
    Pem.writeCertificates(certFile, java.util.List.of(keyMaterial.certificate()));
    Pem.writeCertificates(bundleFile, trustBundle.certificates());
  }
}
