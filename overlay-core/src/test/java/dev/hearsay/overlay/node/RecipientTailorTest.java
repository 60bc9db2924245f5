package dev.hearsay.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.Fingerprint;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.overlay.claims.MemberCertificates;
import dev.hearsay.overlay.claims.SigningProofSource;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.Gossip;
import dev.hearsay.overlay.core.Leave;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.MemberPush;
import dev.hearsay.overlay.core.Meta;
import dev.hearsay.overlay.core.Nack;
import dev.hearsay.overlay.core.PushPullSyn;
import dev.hearsay.overlay.core.ViewDigest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecipientTailorTest {
  private static final ViewDigest DIGEST = new ViewDigest(42, new int[ViewDigest.BUCKETS]);
  private final TestPki pki = new TestPki();
  private final Credentials a = pki.node("blue", "a");
  private final NodeIdentity p = pki.node("blue", "p").identity();
  private final NodeIdentity q = pki.node("blue", "q").identity();
  /** Of an isolated tenant: may see only its own tenant's members. */
  private final NodeIdentity r = pki.node("red", "r").identity();
  private final MemberCertificates certificates = new MemberCertificates(16);
  private final RecipientTailor tailor =
      new RecipientTailor(certificates, new CertificatesSent(), (peer, meta) -> meta.shared() || peer.equals(p),
          (peer, subject) -> peer.tenant().orElseThrow().equals(subject.tenant()), peer -> DIGEST);

  private Alive aliveOfA(long incarnation) {
    Alive unsigned = new Alive(MemberId.parse(a.identity().uri()), incarnation, "127.0.0.1:7001", 0, new byte[0]);
    return new Alive(unsigned.subject(), incarnation, unsigned.address(), 0, new SigningProofSource(a).proofFor(unsigned));
  }

  private Leave leaveOfA(long incarnation) {
    Leave unsigned = new Leave(MemberId.parse(a.identity().uri()), incarnation, new byte[0]);
    return new Leave(unsigned.subject(), incarnation, new SigningProofSource(a).proofFor(unsigned));
  }

  private static Alive only(Object message) {
    return (Alive) onlyClaim(message);
  }

  private static Claim onlyClaim(Object message) {
    return ((Gossip) message).claims().get(0);
  }

  @Test
  void theCertificateTravelsTheFirstTimeEachPeerGetsIt() {
    Alive first = aliveOfA(1);
    assertTrue(CertificateForms.hasCertificate(only(tailor.forPeer(new Gossip(List.of(first), false), p))));

    Alive later = only(tailor.forPeer(new Gossip(List.of(aliveOfA(2)), false), p));
    assertFalse(CertificateForms.hasCertificate(later), "p was sent the certificate again");
    assertTrue(later.proof().length < first.proof().length - 200);
    assertTrue(CertificateForms.hasCertificate(only(tailor.forPeer(new Gossip(List.of(aliveOfA(2)), false), q))),
        "q never had it");
  }

  @Test
  void aLeaveCarriesTheCertificateUnlessThePeerHadItFromUs() {
    // A join answer sends a departed member as its LEAVE alone, so the LEAVE must bring the certificate
    // (which the node has from the member's ALIVE).
    certificates.remember(Fingerprint.of(a.keyMaterial().certificate()), a.keyMaterial().certificate());
    Claim toP = onlyClaim(tailor.forPeer(new Gossip(List.of(leaveOfA(1)), false), p));
    assertTrue(toP instanceof Leave && CertificateForms.hasCertificate(toP), "to p: " + toP);

    tailor.forPeer(new Gossip(List.of(aliveOfA(2)), false), q);
    Claim toQ = onlyClaim(tailor.forPeer(new Gossip(List.of(leaveOfA(2)), false), q));
    assertTrue(toQ instanceof Leave && !CertificateForms.hasCertificate(toQ), "q had it with the ALIVE: " + toQ);
    assertEquals(leaveOfA(2).incarnation(), toQ.incarnation());
  }

  @Test
  void aRelayedClaimByFingerprintGetsTheCertificateBackForAPeerThatLacksIt() {
    Alive byFingerprint = CertificateForms.byFingerprint(aliveOfA(1));
    assertSame(byFingerprint, only(tailor.forPeer(new Gossip(List.of(byFingerprint), false), p)),
        "without the certificate at hand the claim goes as it is");

    certificates.remember(Fingerprint.of(a.keyMaterial().certificate()), a.keyMaterial().certificate());
    assertTrue(CertificateForms.hasCertificate(only(tailor.forPeer(new Gossip(List.of(byFingerprint), false), q))));
  }

  @Test
  void aPushAlwaysEnclosesTheCertificateAndOnlyWhatThePeerMayRead() {
    Alive alive = aliveOfA(1);
    tailor.forPeer(new Gossip(List.of(alive), false), q); // q has had the certificate already
    MemberId subject = alive.subject();
    Meta privateMeta = new Meta(subject, 2, false, Map.of("zone", "eu-1"), new byte[] {1});
    Meta sharedMeta = new Meta(subject, 2, true, Map.of("region", "eu"), new byte[] {1});

    MemberPush toQ = (MemberPush) tailor.forPeer(new MemberPush(alive, List.of(privateMeta, sharedMeta)), q);
    MemberPush toP = (MemberPush) tailor.forPeer(new MemberPush(alive, List.of(privateMeta, sharedMeta)), p);

    assertTrue(CertificateForms.hasCertificate(toQ.alive()));
    assertEquals(List.of(sharedMeta), toQ.meta());
    assertEquals(List.of(privateMeta, sharedMeta), toP.meta());
  }

  @Test
  void messagesWithoutAliveClaimsPassUnchanged() {
    Nack nack = new Nack(7);
    assertSame(nack, tailor.forPeer(nack, p));
    Gossip empty = new Gossip(List.of(), true);
    assertSame(empty, tailor.forPeer(empty, p));
  }

  @Test
  void nothingAboutAMemberThePeerMayNotSeeGoesOut() {
    Alive alive = aliveOfA(1);
    MemberId red = MemberId.of("example.org", "red", "r2");
    Alive redAlive = new Alive(red, 0, "127.0.0.1:7009", 0, new byte[0]);

    Gossip toR = (Gossip) tailor.forPeer(new Gossip(List.of(alive, redAlive), false), r);
    assertEquals(List.of(redAlive), toR.claims(), "r got a claim about a member of blue");
    Gossip toP = (Gossip) tailor.forPeer(new Gossip(List.of(alive, redAlive), false), p);
    assertEquals(List.of(alive.subject()), toP.claims().stream().map(c -> c.subject()).toList());
    assertEquals(null, tailor.forPeer(new MemberPush(alive, List.of()), r), "a push about a blue member went to red");
    assertEquals(null, tailor.forPeer(new dev.hearsay.overlay.core.MemberPull(alive.subject()), r));
  }

  @Test
  void aPushPullDigestIsComputedForThePeerItGoesTo() {
    PushPullSyn join = new PushPullSyn(new ViewDigest(7, new int[ViewDigest.BUCKETS]), true);
    PushPullSyn sent = (PushPullSyn) tailor.forPeer(join, p);
    assertEquals(DIGEST, sent.digest());
    assertTrue(sent.join());
  }
}
