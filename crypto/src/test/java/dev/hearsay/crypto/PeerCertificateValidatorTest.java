package dev.hearsay.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.PeerCertificateValidator.Purpose;
import dev.hearsay.crypto.PeerRejectedException.Reason;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;

/**
 * What the validator remembers of a chain it trusted, and what it never takes from memory: a chain
 * is checked in full once per purpose, while its validity and revocation are checked on every call.
 */
class PeerCertificateValidatorTest {
  private final TestPki pki = new TestPki();
  private final Set<NodeIdentity> revoked = ConcurrentHashMap.newKeySet();
  private final PeerCertificateValidator validator = new PeerCertificateValidator(pki.ca.trustBundle(), TestPki.DOMAIN, pki.clock,
      (certificate, identity) -> revoked.contains(identity) ? Optional.of("compromised") : Optional.empty());

  private static X509Certificate[] chainOf(Credentials c) {
    return new X509Certificate[] {c.keyMaterial().certificate()};
  }

  @Test
  void aTrustedChainNamesTheSameIdentityEveryTime() throws Exception {
    Credentials a = pki.node("blue", "a");
    assertEquals(a.identity(), validator.validate(chainOf(a), Purpose.CLIENT));
    assertEquals(a.identity(), validator.validate(chainOf(a), Purpose.CLIENT));
  }

  @Test
  void aTrustedChainIsRefusedOnceItExpires() throws Exception {
    Credentials shortLived = pki.node("blue", "short", Duration.ofHours(1));
    validator.validate(chainOf(shortLived), Purpose.CLIENT);
    pki.clock.advance(Duration.ofHours(2));
    PeerRejectedException e = assertThrows(PeerRejectedException.class, () -> validator.validate(chainOf(shortLived), Purpose.CLIENT));
    assertEquals(Reason.EXPIRED, e.reason());
    assertTrue(e.getMessage().contains(shortLived.keyMaterial().certificate().getSerialNumber().toString(16)), e.getMessage());
  }

  @Test
  void aTrustedChainIsRefusedOnceItsIdentityIsRevoked() throws Exception {
    Credentials b = pki.node("blue", "b");
    validator.validate(chainOf(b), Purpose.SERVER);
    revoked.add(b.identity());
    PeerRejectedException e = assertThrows(PeerRejectedException.class, () -> validator.validate(chainOf(b), Purpose.SERVER));
    assertEquals(Reason.REVOKED, e.reason());
    assertTrue(e.getMessage().contains("compromised"), e.getMessage());
  }

  @Test
  void aChainTrustedForOnePurposeIsStillRefusedForTheOther() throws Exception {
    KeyMaterial clientOnly = RogueIssuer.issue(pki.ca, List.of("spiffe://" + TestPki.DOMAIN + "/tenant/blue/node/c"),
        pki.clock.instant(), Duration.ofHours(1), KeyPurposeId.id_kp_clientAuth);
    X509Certificate[] chain = {clientOnly.certificate()};
    assertEquals("spiffe://" + TestPki.DOMAIN + "/tenant/blue/node/c", validator.validate(chain, Purpose.CLIENT).uri());
    PeerRejectedException e = assertThrows(PeerRejectedException.class, () -> validator.validate(chain, Purpose.SERVER));
    assertEquals(Reason.WRONG_KEY_USAGE, e.reason());
    assertEquals(Reason.WRONG_KEY_USAGE,
        assertThrows(PeerRejectedException.class, () -> validator.validate(chain, Purpose.SERVER)).reason(), "and again");
  }

  @Test
  void aChainThatFailedIsRefusedAgainForTheSameReason() throws Exception {
    TestPki other = new TestPki();
    Credentials stranger = other.node("blue", "stranger");
    for (int i = 0; i < 2; i++) {
      PeerRejectedException e = assertThrows(PeerRejectedException.class, () -> validator.validate(chainOf(stranger), Purpose.CLIENT));
      assertEquals(Reason.UNTRUSTED_ISSUER, e.reason());
    }
  }
}
