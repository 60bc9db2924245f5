package dev.hearsay.crypto;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * PEM reading and writing. Certificates are {@code CERTIFICATE} blocks; private keys are written as
 * unencrypted PKCS#8 ({@code PRIVATE KEY}) into files of mode 0600, and read as PKCS#8 or SEC1
 * ({@code EC PRIVATE KEY}). Files are written atomically and fsync'd.
 */
public final class Pem {
  private static final JcaX509CertificateConverter CERTIFICATES = new JcaX509CertificateConverter();
  private static final JcaPEMKeyConverter KEYS = new JcaPEMKeyConverter();

  private Pem() {}

  /** Reads every certificate in a PEM file; fails if there is none or another kind of block. */
  public static List<X509Certificate> readCertificates(Path file) throws IOException {
    List<X509Certificate> certificates = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      Object block;
      while ((block = parser.readObject()) != null) {
        if (!(block instanceof X509CertificateHolder holder)) {
          throw new IOException(file + ": expected only CERTIFICATE blocks, found " + block.getClass().getSimpleName());
        }
        certificates.add(CERTIFICATES.getCertificate(holder));
      }
    } catch (CertificateException e) {
      throw new IOException(file + ": invalid certificate: " + e.getMessage(), e);
    } catch (IllegalArgumentException | org.bouncycastle.openssl.PEMException e) {
      throw new IOException(file + ": not a valid PEM file: " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new IOException(file + ": no certificate found");
    }
    return certificates;
  }

  /** Reads the first certificate of a PEM file. */
  public static X509Certificate readCertificate(Path file) throws IOException {
    return readCertificates(file).get(0);
  }

  public static PrivateKey readPrivateKey(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      Object block = parser.readObject();
      if (block instanceof PrivateKeyInfo info) {
        return KEYS.getPrivateKey(info);
      }
      if (block instanceof PEMKeyPair pair) {
        return KEYS.getPrivateKey(pair.getPrivateKeyInfo());
      }
      throw new IOException(
          file + ": expected an unencrypted PRIVATE KEY or EC PRIVATE KEY block"
              + (block == null ? ", found nothing" : ", found " + block.getClass().getSimpleName()));
    } catch (IllegalArgumentException | org.bouncycastle.openssl.PEMException e) {
      throw new IOException(file + ": not a valid PEM key: " + e.getMessage(), e);
    }
  }

  public static String encodeCertificates(List<X509Certificate> certificates) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      for (X509Certificate certificate : certificates) {
        writer.writeObject(certificate);
      }
    } catch (IOException e) {
      throw new IllegalStateException("PEM encoding of a certificate failed", e);
    }
    return out.toString();
  }

  public static String encodePrivateKey(PrivateKey key) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(new JcaPKCS8Generator(key, null));
    } catch (IOException e) {
      throw new IllegalStateException("PEM encoding of a private key failed", e);
    }
    return out.toString();
  }

  public static void writeCertificates(Path file, List<X509Certificate> certificates) throws IOException {
    SecureFiles.writeAtomically(file, encodeCertificates(certificates).getBytes(StandardCharsets.US_ASCII), false);
  }

  /** Writes the key readable by its owner only (0600). */
  public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
    SecureFiles.writeAtomically(file, encodePrivateKey(key).getBytes(StandardCharsets.US_ASCII), true);
  }
}
