package dev.hearsay.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hearsay.authz.Authorizer;
import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.PeerCertificateValidator;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.overlay.claims.ClaimAuthenticator;
import dev.hearsay.overlay.claims.ClaimProof;
import dev.hearsay.overlay.claims.MemberCertificates;
import dev.hearsay.overlay.claims.SigningProofSource;
import dev.hearsay.overlay.claims.VerifiedSignatures;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.Gossip;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.MemberPush;
import dev.hearsay.overlay.core.Messages;
import dev.hearsay.overlay.core.Meta;
import dev.hearsay.overlay.core.Relevance;
import dev.hearsay.overlay.core.Suspect;
import dev.hearsay.overlay.transport.Rejections;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The claim filter with a real authenticator and the default policy, over claims real nodes signed. */
class ClaimFilterTest {
  private final TestPki pki = new TestPki();
  private final Credentials self = pki.node("blue", "self");
  private final Credentials relay = pki.node("blue", "relay");
  private final Credentials accuser = pki.node("blue", "accuser");
  private final Credentials subject = pki.node("blue", "subject");
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Rejections rejections = new Rejections(registry, "hearsay.claims.rejected", "Claims", System::nanoTime);
  private final List<MemberId> certificatesAskedFor = new ArrayList<>();
  private final VerifiedSignatures verified = new VerifiedSignatures(100);
  /** What the view makes of each claim; claims not listed may change it. */
  private final Map<Claim, Relevance> view = new HashMap<>();
  private final ClaimFilter filter = new ClaimFilter(
      new ClaimAuthenticator(TestPki.DOMAIN,
          new PeerCertificateValidator(pki.ca.trustBundle(), TestPki.DOMAIN, pki.clock, RevocationCheck.NONE),
          new MemberCertificates(100), verified, 2),
      new ClaimPolicy(Authorizer.withDefaults(), new Identities()), rejections, registry, self.identity(),
      c -> view.getOrDefault(c, Relevance.MAY_CHANGE), alive -> { }, (signer, peer) -> certificatesAskedFor.add(signer));

  private static MemberId id(Credentials c) {
    return MemberId.parse(c.identity().uri());
  }

  private static Alive alive(Credentials c) {
    Alive unsigned = new Alive(id(c), 1, "127.0.0.1:1", 0, new byte[0]);
    return new Alive(unsigned.subject(), 1, unsigned.address(), 0, new SigningProofSource(c).proofFor(unsigned));
  }

  private Suspect accusation() {
    Suspect unsigned = new Suspect(id(subject), 1, id(accuser), new byte[0]);
    return new Suspect(id(subject), 1, id(accuser), new SigningProofSource(accuser).proofFor(unsigned));
  }

  /** {@code s} with its signature's last byte flipped: it no longer verifies. */
  private static Suspect forged(Suspect s) {
    ClaimProof p = ClaimProof.decode(s.proof());
    byte[] signature = p.signature().clone();
    signature[signature.length - 1] ^= 1;
    return new Suspect(s.subject(), s.incarnation(), s.accuser(), ClaimProof.withFingerprint(signature, p.fingerprint()).encode());
  }

  private double redundant() {
    return registry.find("hearsay.claims.redundant").counter().count();
  }

  private double outdated() {
    return registry.find("hearsay.claims.outdated").counter().count();
  }

  @Test
  void anAccusationAheadOfItsAccusersAliveInOneMessageIsAccepted() {
    // A view's entries in any order: the SUSPECT (by fingerprint) comes before the ALIVE carrying the accuser's certificate.
    List<Claim> claims = List.of(alive(subject), accusation(), alive(accuser));
    List<Claim> passed = Messages.claimsOf(filter.filter(new Gossip(claims, false), relay.identity()));
    assertEquals(claims, passed, "all three, in the message's order");
    assertEquals(0, rejections.total());
  }

  @Test
  void anAccusationWhoseAccusersCertificateNeverCameIsRefusedAndTheCertificateAskedFor() {
    List<Claim> passed = Messages.claimsOf(filter.filter(new Gossip(List.of(alive(subject), accusation()), false), relay.identity()));
    assertEquals(1, passed.size());
    assertEquals(1, rejections.count("unknown_signer_certificate"));
    assertEquals(List.of(id(accuser)), certificatesAskedFor);
  }

  @Test
  void aClaimTheViewWouldIgnoreIsDroppedWithoutVerifyingItsSignature() {
    filter.filter(new Gossip(List.of(alive(accuser)), false), relay.identity()); // the accuser's certificate
    long verificationsBefore = verified.stats().missCount();
    Suspect forged = forged(accusation());
    view.put(forged, Relevance.NO_CHANGE); // e.g. the accuser already counted against this incarnation
    List<Claim> passed = Messages.claimsOf(filter.filter(new Gossip(List.of(forged), false), relay.identity()));
    assertEquals(List.of(), passed, "nothing for the core");
    assertEquals(verificationsBefore, verified.stats().missCount(), "no signature verified");
    assertEquals(0, rejections.total(), "nothing checked, so nothing refused");
    assertEquals(1, redundant());
    assertEquals(0, outdated(), "not older than what the view holds");
  }

  @Test
  void aForgedClaimThatMayChangeTheViewIsVerifiedAndRefused() {
    filter.filter(new Gossip(List.of(alive(accuser)), false), relay.identity());
    long verificationsBefore = verified.stats().missCount();
    List<Claim> passed = Messages.claimsOf(filter.filter(new Gossip(List.of(forged(accusation())), false), relay.identity()));
    assertEquals(List.of(), passed);
    assertEquals(verificationsBefore + 1, verified.stats().missCount(), "verified once");
    assertEquals(1, rejections.count("bad_signature"));
    assertEquals(0, redundant());
  }

  @Test
  void anOutdatedClaimIsDroppedUnverifiedAndCountedAsOutdated() {
    filter.filter(new Gossip(List.of(alive(accuser)), false), relay.identity());
    Suspect replayed = accusation();
    view.put(replayed, Relevance.OUTDATED);
    assertEquals(List.of(), Messages.claimsOf(filter.filter(new Gossip(List.of(replayed), false), relay.identity())));
    assertEquals(1, outdated());
    assertEquals(1, redundant());
  }

  @Test
  void aClaimIgnoredAloneIsVerifiedWhenANewerClaimAboutItsSubjectTravelsWithIt() {
    // The accusation names an incarnation the view has not seen yet; the ALIVE before it brings that incarnation.
    Alive newer = alive(subject);
    Suspect ofTheNewIncarnation = accusation();
    view.put(ofTheNewIncarnation, Relevance.NO_CHANGE);
    List<Claim> claims = List.of(alive(accuser), newer, ofTheNewIncarnation);
    assertEquals(claims, Messages.claimsOf(filter.filter(new Gossip(claims, false), relay.identity())));
    assertEquals(0, redundant());
  }

  @Test
  void aClaimThatChangesNothingButEnclosesItsSignersCertificateIsStillVerifiedForTheCertificate() {
    Alive held = alive(accuser); // its certificate enclosed, as a node signs its ALIVE
    view.put(held, Relevance.NO_CHANGE);
    List<Claim> claims = List.of(held, accusation());
    assertEquals(claims, Messages.claimsOf(filter.filter(new Gossip(claims, false), relay.identity())));
    assertEquals(List.of(), certificatesAskedFor, "the accusation's signer was learned from the ALIVE");
  }

  @Test
  void aPushWhoseAliveIsTheOneHeldStillBringsItsMetadata() {
    filter.filter(new Gossip(List.of(alive(subject)), false), relay.identity()); // the subject's certificate
    Alive held = CertificateForms.byFingerprint(alive(subject));
    view.put(held, Relevance.NO_CHANGE); // a pull answer: the ALIVE held, for the metadata version it names
    Meta unsigned = new Meta(id(subject), 1, true, Map.of("region", "eu"), new byte[0]);
    Meta meta = new Meta(unsigned.subject(), 1, true, unsigned.entries(), new SigningProofSource(subject).proofFor(unsigned));
    MemberPush passed = (MemberPush) filter.filter(new MemberPush(held, List.of(meta)), relay.identity());
    assertEquals(List.of(meta), passed.meta());
    assertEquals(0, redundant());
  }

  @Test
  void aPushWhoseAliveLooksHeldButIsForgedIsRefusedWithItsMetadata() {
    filter.filter(new Gossip(List.of(alive(subject)), false), relay.identity()); // the subject's certificate
    Alive held = CertificateForms.byFingerprint(alive(subject));
    ClaimProof p = ClaimProof.decode(held.proof());
    byte[] signature = p.signature().clone();
    signature[signature.length - 1] ^= 1;
    Alive forged = new Alive(held.subject(), held.incarnation(), held.address(), held.metaVersion(),
        ClaimProof.withFingerprint(signature, p.fingerprint()).encode());
    view.put(forged, Relevance.NO_CHANGE); // what the view would make of it: the ALIVE it holds
    Meta unsigned = new Meta(id(subject), 1, true, Map.of("region", "eu"), new byte[0]);
    Meta meta = new Meta(unsigned.subject(), 1, true, unsigned.entries(), new SigningProofSource(subject).proofFor(unsigned));
    double rejectedBefore = rejections.total();
    assertNull(filter.filter(new MemberPush(forged, List.of(meta)), relay.identity()), "a push stands or falls with its ALIVE");
    assertEquals(rejectedBefore + 1, rejections.total(), "the forged ALIVE is verified and refused, not dropped as redundant");
  }

  @Test
  void anOutdatedClaimPassedOnWithNewsAboutItsSubjectIsCountedAsOutdatedToo() {
    Suspect older = accusation();
    view.put(older, Relevance.OUTDATED);
    List<Claim> claims = List.of(alive(accuser), alive(subject), older);
    assertEquals(claims, Messages.claimsOf(filter.filter(new Gossip(claims, false), relay.identity())));
    assertEquals(1, outdated());
    assertEquals(0, redundant());
  }
}
