package dev.hearsay.overlay.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.PeerCertificateValidator;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.Dead;
import dev.hearsay.overlay.core.Leave;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.Revoked;
import dev.hearsay.overlay.core.Suspect;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Every way a node could try to speak for another, refused; the honest claims, accepted. */
class ClaimAuthenticatorTest {
  private final TestPki pki = new TestPki();
  private final Credentials a = pki.node("blue", "a");
  private final Credentials b = pki.node("blue", "b");
  private final Credentials c = pki.node("blue", "c");
  private final Set<NodeIdentity> revoked = ConcurrentHashMap.newKeySet();
  private final ClaimAuthenticator auth = authenticator(pki);

  private ClaimAuthenticator authenticator(TestPki trusted) {
    RevocationCheck registry = (cert, id) -> revoked.contains(id) ? Optional.of("revoked") : Optional.empty();
    return new ClaimAuthenticator(TestPki.DOMAIN,
        new PeerCertificateValidator(trusted.ca.trustBundle(), TestPki.DOMAIN, trusted.clock, registry),
        new MemberCertificates(1000), new VerifiedSignatures(1000), 2);
  }

  private static MemberId id(Credentials c) {
    return MemberId.parse(c.identity().uri());
  }

  /** Signs a claim as {@code signer} would, whatever the claim says. */
  private static <T extends Claim> T signedBy(Credentials signer, T unsigned) {
    return withProof(unsigned, new SigningProofSource(signer).proofFor(unsigned));
  }

  @SuppressWarnings("unchecked")
  private static <T extends Claim> T withProof(T c, byte[] proof) {
    if (c instanceof Alive x) {
      return (T) new Alive(x.subject(), x.incarnation(), x.address(), x.metaVersion(), proof);
    } else if (c instanceof Suspect x) {
      return (T) new Suspect(x.subject(), x.incarnation(), x.accuser(), proof);
    } else if (c instanceof Dead x) {
      return (T) new Dead(x.subject(), x.incarnation(), x.declarer(), x.evidence(), proof);
    }
    Leave x = (Leave) c;
    return (T) new Leave(x.subject(), x.incarnation(), proof);
  }

  private static Alive alive(Credentials who, long incarnation) {
    return new Alive(id(who), incarnation, "127.0.0.1:7001", 0, new byte[0]);
  }

  private void assertRejected(ClaimRejection expected, Claim claim) {
    ClaimVerdict v = auth.authenticate(claim);
    assertTrue(v instanceof ClaimVerdict.Rejected, () -> "accepted: " + claim);
    assertEquals(expected, ((ClaimVerdict.Rejected) v).reason(), ((ClaimVerdict.Rejected) v).detail());
  }

  @Test
  void ownAliveIsAcceptedAndACopyCostsNoVerification() {
    Alive honest = signedBy(a, alive(a, 3));
    assertTrue(auth.authenticate(honest).accepted());
    long missesBefore = auth.verifiedSignatures().stats().missCount();
    assertTrue(auth.authenticate(honest).accepted());
    assertEquals(missesBefore, auth.verifiedSignatures().stats().missCount());
    assertEquals(1, auth.verifiedSignatures().stats().hitCount());
  }

  @Test
  void aliveAboutAnotherNodeSignedWithOwnCertificateIsRefused() {
    assertRejected(ClaimRejection.SIGNER_MISMATCH, signedBy(a, alive(b, 9)));
  }

  @Test
  void aliveAboutAnotherNodeCarryingThatNodesCertificateFailsTheSignature() {
    Alive forged = signedBy(a, alive(b, 9));
    ClaimProof aProof = ClaimProof.decode(forged.proof());
    ClaimProof bCert = ClaimProof.decode(new SigningProofSource(b).proofFor(alive(b, 0)));
    Alive withBsCertificate = withProof(forged,
        ClaimProof.withCertificate(aProof.signature(), bCert.fingerprint(), bCert.certificate()).encode());
    assertRejected(ClaimRejection.BAD_SIGNATURE, withBsCertificate);
  }

  @Test
  void relayedClaimWithOneByteChangedIsRefused() {
    Alive honest = signedBy(b, alive(b, 4));
    assertTrue(auth.authenticate(honest).accepted());
    Alive redirected = new Alive(honest.subject(), honest.incarnation(), "127.0.0.1:7666", honest.metaVersion(), honest.proof());
    assertRejected(ClaimRejection.BAD_SIGNATURE, redirected);
    Alive bumped = new Alive(honest.subject(), honest.incarnation() + 1, honest.address(), honest.metaVersion(), honest.proof());
    assertRejected(ClaimRejection.BAD_SIGNATURE, bumped);
  }

  @Test
  void signatureOfOneKindNeverPassesForAnother() {
    assertTrue(auth.authenticate(signedBy(b, alive(b, 1))).accepted()); // certificate now known
    Leave leave = signedBy(b, new Leave(id(b), 5, new byte[0]));
    Suspect asSuspect = new Suspect(id(c), 5, id(b), leave.proof());
    assertRejected(ClaimRejection.BAD_SIGNATURE, asSuspect);
  }

  @Test
  void claimByFingerprintNeedsTheSignersCertificateFirst() {
    Leave leave = signedBy(b, new Leave(id(b), 2, new byte[0]));
    assertRejected(ClaimRejection.UNKNOWN_SIGNER_CERTIFICATE, leave);
    assertTrue(auth.authenticate(signedBy(b, alive(b, 2))).accepted());
    assertTrue(auth.authenticate(leave).accepted());
  }

  @Test
  void signerOfAnotherCaIsRefused() {
    TestPki other = new TestPki();
    Credentials impostor = other.node("blue", "b");
    assertRejected(ClaimRejection.SIGNER_CERTIFICATE_REFUSED, signedBy(impostor, alive(impostor, 1)));
  }

  @Test
  void revokedSignerIsRefusedEvenForAClaimAlreadyVerified() {
    Alive honest = signedBy(b, alive(b, 1));
    assertTrue(auth.authenticate(honest).accepted());
    revoked.add(b.identity());
    assertRejected(ClaimRejection.SIGNER_REVOKED, honest);
  }

  @Test
  void aDeadRestingOnARevokedAccuserIsRefusedAsRevokedNotAsForgedEvidence() {
    for (Credentials who : List.of(a, b, c)) {
      assertTrue(auth.authenticate(signedBy(who, alive(who, 1))).accepted());
    }
    Suspect byA = signedBy(a, new Suspect(id(c), 1, id(a), new byte[0]));
    Suspect byB = signedBy(b, new Suspect(id(c), 1, id(b), new byte[0]));
    Dead dead = signedBy(a, new Dead(id(c), 1, id(a), List.of(byA, byB), new byte[0]));
    assertTrue(auth.authenticate(dead).accepted(), "valid before the revocation");

    revoked.add(b.identity());
    // Relays that accepted this DEAD before hearing of the revocation still pass it on in good faith.
    assertRejected(ClaimRejection.SIGNER_REVOKED, dead);
  }

  @Test
  void aDeadRestingOnAnAccuserWhoseCertificateIsNotKnownYetSaysSoAndPassesOnceItIs() {
    for (Credentials who : List.of(a, c)) {
      assertTrue(auth.authenticate(signedBy(who, alive(who, 1))).accepted());
    }
    Suspect byA = signedBy(a, new Suspect(id(c), 1, id(a), new byte[0]));
    Suspect byB = signedBy(b, new Suspect(id(c), 1, id(b), new byte[0])); // by fingerprint; b's ALIVE not seen yet
    Dead dead = signedBy(a, new Dead(id(c), 1, id(a), List.of(byA, byB), new byte[0]));
    // Not "insufficient evidence", which would blame the relay: this node lacks a certificate and can ask for it.
    assertRejected(ClaimRejection.UNKNOWN_SIGNER_CERTIFICATE, dead);
    assertTrue(auth.authenticate(signedBy(b, alive(b, 1))).accepted());
    assertTrue(auth.authenticate(dead).accepted());
  }

  @Test
  void expiredSignerIsRefused() {
    Credentials shortLived = pki.node("blue", "short", Duration.ofHours(1));
    Alive claim = signedBy(shortLived, alive(shortLived, 1));
    assertTrue(auth.authenticate(claim).accepted());
    pki.clock.advance(Duration.ofHours(2));
    assertRejected(ClaimRejection.SIGNER_CERTIFICATE_REFUSED, claim);
  }

  @Test
  void deadNeedsKDistinctValidAccusersOrTheSubjectsLeave() {
    for (Credentials who : List.of(a, b, c)) {
      assertTrue(auth.authenticate(signedBy(who, alive(who, 1))).accepted());
    }
    Suspect byA = signedBy(a, new Suspect(id(c), 1, id(a), new byte[0]));
    Suspect byB = signedBy(b, new Suspect(id(c), 1, id(b), new byte[0]));
    Suspect byAAgain = signedBy(a, new Suspect(id(c), 1, id(a), new byte[0]));

    assertTrue(auth.authenticate(signedBy(a, new Dead(id(c), 1, id(a), List.of(byA, byB), new byte[0]))).accepted());
    assertRejected(ClaimRejection.INSUFFICIENT_EVIDENCE, signedBy(a, new Dead(id(c), 1, id(a), List.of(byA), new byte[0])));
    assertRejected(ClaimRejection.INSUFFICIENT_EVIDENCE, signedBy(a, new Dead(id(c), 1, id(a), List.of(byA, byAAgain), new byte[0])));

    Suspect forgedByB = signedBy(a, new Suspect(id(c), 1, id(b), new byte[0]));
    assertRejected(ClaimRejection.INSUFFICIENT_EVIDENCE, signedBy(a, new Dead(id(c), 1, id(a), List.of(byA, forgedByB), new byte[0])));

    Leave cLeaves = signedBy(c, new Leave(id(c), 1, new byte[0]));
    assertTrue(auth.authenticate(signedBy(a, new Dead(id(c), 1, id(a), List.of(cLeaves), new byte[0]))).accepted());
  }

  @Test
  void revokedClaimsNeverComeFromGossip() {
    assertRejected(ClaimRejection.NOT_GOSSIPABLE, new Revoked(id(a), 1, new byte[0]));
  }

  @Test
  void garbageProofIsRefusedAsMalformed() {
    assertRejected(ClaimRejection.MALFORMED_PROOF, new Alive(id(a), 1, "127.0.0.1:1", 0, new byte[] {5, 1, 2}));
    assertRejected(ClaimRejection.MALFORMED_PROOF, new Alive(id(a), 1, "127.0.0.1:1", 0, new byte[0]));
  }
}
