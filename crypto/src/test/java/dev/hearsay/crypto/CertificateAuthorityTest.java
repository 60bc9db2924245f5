package dev.hearsay.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {
  private final TestPki pki = new TestPki();
  @TempDir Path dir;

  @Test
  void caIsPathLengthZeroAndLimitedToItsTrustDomain() throws Exception {
    X509Certificate ca = pki.ca.certificate();
    assertEquals(0, ca.getBasicConstraints());
    assertTrue(ca.getKeyUsage()[5], "keyCertSign");
    assertTrue(ca.getCriticalExtensionOIDs().contains("2.5.29.30"), "name constraints must be critical");
    assertEquals("example.org", TrustBundle.trustDomainOf(ca));
    assertEquals("EC", ca.getPublicKey().getAlgorithm());
  }

  @Test
  void leafCarriesIdentityUsagesAndARandom128BitSerial() throws Exception {
    NodeIdentity id = NodeIdentity.node(TestPki.DOMAIN, "blue", "n1");
    KeyMaterial a = pki.ca.issueWithNewKey(
        new IssueRequest(id, Duration.ofHours(720), List.of("n1.example.org"), List.of(InetAddress.getByName("127.0.0.1"))));
    KeyMaterial b = pki.ca.issueWithNewKey(IssueRequest.of(id));
    X509Certificate leaf = a.certificate();

    assertEquals(id, NodeIdentity.fromCertificate(leaf));
    assertEquals(-1, leaf.getBasicConstraints());
    assertTrue(leaf.getExtendedKeyUsage().containsAll(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2")));
    assertTrue(leaf.getSerialNumber().signum() > 0 && leaf.getSerialNumber().bitLength() <= 128);
    assertTrue(leaf.getSerialNumber().bitLength() > 64, "serial should carry ~128 random bits");
    assertNotEquals(leaf.getSerialNumber(), b.certificate().getSerialNumber());
    assertEquals(List.of("n1.example.org"), SubjectNames.dnsNames(leaf));
    assertEquals(List.of(InetAddress.getByName("127.0.0.1")), SubjectNames.ipAddresses(leaf));
    assertEquals(Duration.ofHours(720).plus(CertificateAuthority.BACKDATE),
        Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()).withNanos(0));
    leaf.verify(pki.ca.certificate().getPublicKey());
  }

  @Test
  void refusesIdentitiesOfAnotherTrustDomain() {
    InvalidIdentityException e = assertThrows(InvalidIdentityException.class,
        () -> pki.ca.issueWithNewKey(IssueRequest.of(NodeIdentity.node("other.org", "blue", "n1"))));
    assertTrue(e.getMessage().contains("not in this CA's trust domain"));
  }

  @Test
  void renewKeepsIdentityAndNamesWithNewKeyAndSerial() throws Exception {
    NodeIdentity id = NodeIdentity.registry(TestPki.DOMAIN, "r1");
    KeyMaterial old = pki.ca.issueWithNewKey(new IssueRequest(id, Duration.ofHours(24), List.of("r1.example.org"), List.of()));
    pki.clock.advance(Duration.ofHours(20));

    KeyMaterial renewed = pki.ca.renew(old.certificate(), null);

    assertEquals(id, renewed.identity());
    assertEquals(List.of("r1.example.org"), SubjectNames.dnsNames(renewed.certificate()));
    assertNotEquals(old.certificate().getSerialNumber(), renewed.certificate().getSerialNumber());
    assertNotEquals(old.certificate().getPublicKey(), renewed.certificate().getPublicKey());
    assertTrue(renewed.certificate().getNotAfter().after(old.certificate().getNotAfter()));
  }

  @Test
  void renewRefusesACertificateOfAnotherCa() {
    KeyMaterial foreign = new TestPki().node("blue", "n1").keyMaterial();
    assertThrows(InvalidIdentityException.class, () -> pki.ca.renew(foreign.certificate(), null));
  }

  @Test
  void savesWithPrivateKeyModeAndRefusesToOverwrite() throws Exception {
    pki.ca.save(dir, false);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca.key"))));

    CertificateAuthority loaded = CertificateAuthority.load(dir, pki.clock);
    assertArrayEquals(pki.ca.certificate().getEncoded(), loaded.certificate().getEncoded());
    assertEquals("example.org", loaded.trustDomain());

    FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, () -> pki.ca.save(dir, false));
    assertTrue(e.getMessage().contains("--force"));
    CertificateAuthority.create("example.org", Duration.ofDays(1), pki.clock).save(dir, true);
  }

  @Test
  void credentialsRoundTripThroughACertificateDirectory() throws Exception {
    Credentials alice = pki.node("blue", "alice");
    alice.save(dir, false);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("key.pem"))));

    Credentials loaded = Credentials.load(dir);
    assertEquals(alice.identity(), loaded.identity());
    assertEquals(alice.keyMaterial().certificate(), loaded.keyMaterial().certificate());
    assertEquals(TestPki.DOMAIN, loaded.trustBundle().trustDomain());
  }

  @Test
  void mismatchedKeyFileIsReportedByName() throws Exception {
    pki.node("blue", "alice").save(dir, false);
    Pem.writePrivateKey(dir.resolve("key.pem"), KeyPairs.generateP256().getPrivate());
    java.io.IOException e = assertThrows(java.io.IOException.class, () -> Credentials.load(dir));
    assertTrue(e.getMessage().contains("key.pem is not the key of"), e.getMessage());
  }

  @Test
  void garbageFilesAreReportedByName() throws Exception {
    Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
    java.io.IOException e = assertThrows(java.io.IOException.class, () -> TrustBundle.load(dir.resolve("ca.pem")));
    assertTrue(e.getMessage().contains("ca.pem"), e.getMessage());
  }
}
