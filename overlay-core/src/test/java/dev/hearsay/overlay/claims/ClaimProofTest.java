package dev.hearsay.overlay.claims;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.Fingerprint;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Reading a proof's certificate form without parsing it, as the claim filter does before deciding to verify. */
class ClaimProofTest {
  private static final byte[] SIGNATURE = new byte[71];
  private static final byte[] DER = {0x30, 0x03, 0x02, 0x01, 0x01};

  @Test
  void aProofNamingItsCertificateByFingerprintIsReadAsSo() {
    byte[] proof = ClaimProof.withFingerprint(SIGNATURE, Fingerprint.ofDer(DER)).encode();
    assertTrue(ClaimProof.isByFingerprint(proof));
  }

  @Test
  void aProofEnclosingItsCertificateIsNot() {
    byte[] proof = ClaimProof.withCertificate(SIGNATURE, Fingerprint.ofDer(DER), DER).encode();
    assertFalse(ClaimProof.isByFingerprint(proof));
  }

  @Test
  void aProofTooShortToSayIsNotSoItGetsParsedAndRefused() {
    byte[] proof = ClaimProof.withFingerprint(SIGNATURE, Fingerprint.ofDer(DER)).encode();
    assertFalse(ClaimProof.isByFingerprint(new byte[0]));
    assertFalse(ClaimProof.isByFingerprint(Arrays.copyOf(proof, 1 + SIGNATURE.length)), "cut before the form byte");
    assertFalse(ClaimProof.isByFingerprint(new byte[] {(byte) 200, 1}), "a signature length past the end");
  }
}
