package dev.hearsay.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;

/** The SHA-256 of a certificate's DER encoding: how claims refer to a certificate after the first time. */
public final class Fingerprint {
  public static final int LENGTH = 32;
  private final byte[] bytes;

  private Fingerprint(byte[] bytes) {
    this.bytes = bytes;
  }

  public static Fingerprint of(X509Certificate certificate) {
    try {
      return new Fingerprint(sha256(certificate.getEncoded()));
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be encoded", e);
    }
  }

  /** The fingerprint of a DER-encoded certificate, without parsing it. */
  public static Fingerprint ofDer(byte[] der) {
    return new Fingerprint(sha256(der));
  }

  public static Fingerprint fromBytes(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a fingerprint is " + LENGTH + " bytes, got " + bytes.length);
    }
    return new Fingerprint(bytes.clone());
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Lower-case hex without separators. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  /** Upper-case, colon-separated, as {@code openssl x509 -fingerprint -sha256} prints it. */
  public String colonHex() {
    return HexFormat.ofDelimiter(":").withUpperCase().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fingerprint f && Arrays.equals(bytes, f.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "sha256:" + hex();
  }
}
