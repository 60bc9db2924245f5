package dev.hearsay.bench.micro;

import dev.hearsay.bench.BenchPki;
import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.PeerCertificateValidator;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.overlay.claims.ClaimAuthenticator;
import dev.hearsay.overlay.claims.MemberCertificates;
import dev.hearsay.overlay.claims.SigningProofSource;
import dev.hearsay.overlay.claims.VerifiedSignatures;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.Suspect;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Real signed claims from real certificates, shared by the micro-benchmarks. */
final class Fixtures {
  private Fixtures() {}

  static MemberId idOf(Credentials c) {
    return MemberId.parse(c.identity().uri());
  }

  /** An ALIVE signed by its subject, the way a node signs its own (certificate enclosed). */
  static Alive alive(Credentials subject, long incarnation, int port) {
    Alive unsigned = new Alive(idOf(subject), incarnation, "127.0.0.1:" + port, 0L, new byte[0]);
    byte[] proof = new SigningProofSource(subject).proofFor(unsigned);
    return new Alive(unsigned.subject(), incarnation, unsigned.address(), 0L, proof);
  }

  /** A SUSPECT of {@code subject} signed by {@code accuser} (certificate named by fingerprint). */
  static Suspect suspect(Credentials subject, long incarnation, Credentials accuser) {
    Suspect unsigned = new Suspect(idOf(subject), incarnation, idOf(accuser), new byte[0]);
    byte[] proof = new SigningProofSource(accuser).proofFor(unsigned);
    return new Suspect(unsigned.subject(), incarnation, unsigned.accuser(), proof);
  }

  /** Eight claims as a busy gossip message carries them: four ALIVE (with certificates) and four SUSPECT. */
  static List<Claim> eightClaims(BenchPki pki) {
    List<Credentials> nodes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      nodes.add(pki.node("t" + (i % 2), "n" + i));
    }
    List<Claim> claims = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      claims.add(alive(nodes.get(i), 3 + i, 7000 + i));
    }
    for (int i = 4; i < 8; i++) {
      claims.add(suspect(nodes.get(i), 5, nodes.get((i + 1) % 8)));
    }
    return claims;
  }

  static ClaimAuthenticator authenticator(BenchPki pki) {
    PeerCertificateValidator validator =
        new PeerCertificateValidator(pki.ca().trustBundle(), BenchPki.DOMAIN, Clock.systemUTC(), RevocationCheck.NONE);
    return new ClaimAuthenticator(BenchPki.DOMAIN, validator, new MemberCertificates(MemberCertificates.DEFAULT_CAPACITY),
        new VerifiedSignatures(VerifiedSignatures.DEFAULT_CAPACITY), 2);
  }
}
