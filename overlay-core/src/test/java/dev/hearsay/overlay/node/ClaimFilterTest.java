package dev.hearsay.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hearsay.authz.Authorizer;
import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.PeerCertificateValidator;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.overlay.claims.ClaimAuthenticator;
import dev.hearsay.overlay.claims.MemberCertificates;
import dev.hearsay.overlay.claims.SigningProofSource;
import dev.hearsay.overlay.claims.VerifiedSignatures;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.Gossip;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.Messages;
import dev.hearsay.overlay.core.Suspect;
import dev.hearsay.overlay.transport.Rejections;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
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
  private final ClaimFilter filter = new ClaimFilter(
      new ClaimAuthenticator(TestPki.DOMAIN,
          new PeerCertificateValidator(pki.ca.trustBundle(), TestPki.DOMAIN, pki.clock, RevocationCheck.NONE),
          new MemberCertificates(100), new VerifiedSignatures(100), 2),
      new ClaimPolicy(Authorizer.withDefaults(), new Identities()), rejections, registry, self.identity(),
      alive -> { }, (signer, peer) -> certificatesAskedFor.add(signer));

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
}
