package dev.hearsay.crypto;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClaimSignatureTest {
  private final TestPki pki = new TestPki();
  private final Credentials a = pki.node("blue", "a");
  private final Credentials b = pki.node("blue", "b");
  private final SigningContext alive = SigningContext.of(TestPki.DOMAIN, "alive");
  private final byte[] claim = "alive a incarnation=7 address=127.0.0.1:7001".getBytes(StandardCharsets.UTF_8);
  private final byte[] signature = new ClaimSigner(a.keyMaterial().privateKey()).sign(alive, claim);

  @Test
  void verifiesWithTheSignersCertificate() {
    assertTrue(ClaimVerifier.verify(a.keyMaterial().certificate(), alive, claim, signature));
  }

  @Test
  void failsWithAnotherNodesCertificate() {
    assertFalse(ClaimVerifier.verify(b.keyMaterial().certificate(), alive, claim, signature));
  }

  @Test
  void failsWhenAnyByteOfTheClaimChanges() {
    for (int i = 0; i < claim.length; i++) {
      byte[] tampered = claim.clone();
      tampered[i] ^= 0x01;
      assertFalse(ClaimVerifier.verify(a.keyMaterial().certificate(), alive, tampered, signature), "byte " + i);
    }
  }

  @Test
  void failsWhenTheSignatureChanges() {
    for (int i = 0; i < signature.length; i++) {
      byte[] tampered = signature.clone();
      tampered[i] ^= 0x01;
      assertFalse(ClaimVerifier.verify(a.keyMaterial().certificate(), alive, claim, tampered), "byte " + i);
    }
    assertFalse(ClaimVerifier.verify(a.keyMaterial().certificate(), alive, claim, new byte[0]));
    assertFalse(ClaimVerifier.verify(a.keyMaterial().certificate(), alive, claim, new byte[200]));
  }

  @Test
  void failsUnderAnotherDomainSeparationPrefix() {
    assertFalse(ClaimVerifier.verify(a.keyMaterial().certificate(), SigningContext.of(TestPki.DOMAIN, "leave"), claim, signature));
    assertFalse(ClaimVerifier.verify(a.keyMaterial().certificate(), SigningContext.of("other.org", "alive"), claim, signature));
  }

  @Test
  void prefixIsVersionedAndUnambiguous() {
    assertTrue(alive.label().equals("hearsay/v1/example.org/alive"));
    assertThrows(IllegalArgumentException.class, () -> SigningContext.of(TestPki.DOMAIN, "alive/x"));
    assertThrows(IllegalArgumentException.class, () -> SigningContext.of(TestPki.DOMAIN, ""));
  }
}
