package dev.hearsay.crypto;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/** A private key and the leaf certificate for it. */
public record KeyMaterial(PrivateKey privateKey, X509Certificate certificate) {
  public KeyMaterial {
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(certificate, "certificate");
  }

  public NodeIdentity identity() {
    return NodeIdentity.fromCertificate(certificate);
  }
}
