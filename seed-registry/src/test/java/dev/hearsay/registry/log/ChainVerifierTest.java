package dev.hearsay.registry.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.ClaimSigner;
import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.IssueRequest;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.PeerCertificateValidator;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.registry.log.ChainVerification.Outcome;
import dev.hearsay.registry.log.ChainVerification.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {
  private static final NodeIdentity OPERATOR = NodeIdentity.operator(TestPki.DOMAIN, "alice");

  private final TestPki pki = new TestPki();
  private final Credentials registry =
      Credentials.of(pki.ca.issueWithNewKey(IssueRequest.of(NodeIdentity.registry(TestPki.DOMAIN, "r1"))), pki.ca.trustBundle());
  private final ChainVerifier verifier =
      new ChainVerifier(
          new HeadVerifier(new PeerCertificateValidator(pki.ca.trustBundle(), TestPki.DOMAIN, pki.clock, RevocationCheck.NONE)));
  private final List<RevocationEntry> chain = chain(5);
  private final Instant now = Instant.ofEpochMilli(pki.clock.instant().toEpochMilli());

  private static List<RevocationEntry> chain(int n) {
    List<RevocationEntry> entries = new ArrayList<>();
    LogPosition at = LogPosition.GENESIS;
    for (int i = 1; i <= n; i++) {
      RevocationEntry e =
          RevocationEntry.create(
              i, RevocationTarget.identity(NodeIdentity.node(TestPki.DOMAIN, "t", "n" + i)), "r" + i,
              Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i), OPERATOR, at.hash());
      entries.add(e);
      at = LogPosition.of(e);
    }
    return entries;
  }

  private SignedHead head(int sequence, Instant time) {
    return SignedHead.sign(LogPosition.of(chain.get(sequence - 1)), time, registry.keyMaterial());
  }

  @Test
  void anHonestChainUpToARegistrySignedHeadIsAccepted() {
    ChainVerification v = verifier.verify(null, chain, head(5, now));
    assertEquals(Outcome.ACCEPTED, v.outcome(), v.toString());
    assertEquals(chain, v.entries());
    assertEquals(5, v.head().sequence());
  }

  @Test
  void aNodeAlreadyPartWayAlongTakesOnlyTheNewEntriesAndToleratesOverlap() {
    ChainVerification v = verifier.verify(head(3, now), chain, head(5, now.plusSeconds(1)));
    assertEquals(Outcome.ACCEPTED, v.outcome(), v.toString());
    assertEquals(chain.subList(3, 5), v.entries());
    ChainVerification onlyNew = verifier.verify(head(3, now), chain.subList(3, 5), head(5, now.plusSeconds(1)));
    assertEquals(chain.subList(3, 5), onlyNew.entries());
  }

  @Test
  void aChainWithAnEntryRemovedIsRejected() {
    List<RevocationEntry> gap = new ArrayList<>(chain);
    gap.remove(2);
    ChainVerification v = verifier.verify(null, gap, head(5, now));
    assertEquals(Reason.MISSING_ENTRIES, v.reason(), v.toString());
    assertTrue(v.entries().isEmpty());
    // Dropping the last entry while presenting the head that covers it is also a gap.
    assertEquals(Reason.MISSING_ENTRIES, verifier.verify(null, chain.subList(0, 4), head(5, now)).reason());
  }

  @Test
  void anAlteredEntryIsRejectedWhetherOrNotItsHashIsRecomputed() {
    RevocationEntry original = chain.get(2);
    RevocationEntry keptHash =
        RevocationEntry.withClaimedHash(
            3, RevocationTarget.serial("abcd"), original.reason(), original.time(), OPERATOR, original.prevHash(), original.hash());
    RevocationEntry rehashed =
        RevocationEntry.create(3, RevocationTarget.serial("abcd"), original.reason(), original.time(), OPERATOR, original.prevHash());
    for (RevocationEntry altered : List.of(keptHash, rehashed)) {
      List<RevocationEntry> tampered = new ArrayList<>(chain);
      tampered.set(2, altered);
      ChainVerification v = verifier.verify(null, tampered, head(5, now));
      assertEquals(Reason.BROKEN_CHAIN, v.reason(), v.toString());
    }
  }

  @Test
  void aHeadSignedByANonRegistryKeyIsRejected() {
    Credentials member = pki.node("t", "mallory");
    LogPosition position = LogPosition.of(chain.get(4));
    byte[] signature =
        new ClaimSigner(member.keyMaterial().privateKey())
            .sign(SignedHead.contextFor(NodeIdentity.registry(TestPki.DOMAIN, "r1")), SignedHead.payload(position, now));
    assertThrows(IllegalArgumentException.class, () -> SignedHead.sign(position, now, member.keyMaterial()));
    // A member's certificate, or the registry's certificate with the member's signature: both refused.
    SignedHead byMember = SignedHead.of(position, now, member.keyMaterial().certificate(), signature);
    SignedHead wrongKey = SignedHead.of(position, now, registry.keyMaterial().certificate(), signature);
    assertEquals(Reason.UNTRUSTED_HEAD, verifier.verify(null, chain, byMember).reason());
    assertEquals(Reason.UNTRUSTED_HEAD, verifier.verify(null, chain, wrongKey).reason());
  }

  @Test
  void aHeadSignedByARegistryOfAnotherCaIsRejected() {
    TestPki rogue = new TestPki();
    Credentials rogueRegistry =
        Credentials.of(rogue.ca.issueWithNewKey(IssueRequest.of(NodeIdentity.registry(TestPki.DOMAIN, "r1"))), rogue.ca.trustBundle());
    SignedHead forged = SignedHead.sign(LogPosition.of(chain.get(4)), now, rogueRegistry.keyMaterial());
    ChainVerification v = verifier.verify(null, chain, forged);
    assertEquals(Reason.UNTRUSTED_HEAD, v.reason(), v.toString());
  }

  @Test
  void aHeadWhoseSignedFieldsWereChangedIsRejected() {
    SignedHead honest = head(5, now);
    SignedHead later = SignedHead.of(honest.position(), now.plusSeconds(60), honest.certificate(), honest.signature());
    assertEquals(Reason.UNTRUSTED_HEAD, verifier.verify(null, chain, later).reason());
    assertTrue(honest.verify(registry.keyMaterial().certificate()));
    assertTrue(!later.verify(registry.keyMaterial().certificate()));
  }

  @Test
  void anOlderOrEqualHeadIsIgnoredAndAFresherOneRefreshesTheTime() {
    SignedHead current = head(5, now);
    assertEquals(Outcome.IGNORED, verifier.verify(current, chain.subList(0, 3), head(3, now.plusSeconds(10))).outcome());
    assertEquals(Outcome.IGNORED, verifier.verify(current, List.of(), head(5, now)).outcome());
    ChainVerification fresher = verifier.verify(current, List.of(), head(5, now.plus(Duration.ofSeconds(30))));
    assertEquals(Outcome.ACCEPTED, fresher.outcome());
    assertTrue(fresher.entries().isEmpty());
    assertEquals(now.plusSeconds(30), fresher.head().time());
  }

  @Test
  void aSignedHeadThatDisagreesWithTheVerifiedChainIsAFork() {
    List<RevocationEntry> other = new ArrayList<>(chain.subList(0, 4));
    RevocationEntry divergent = RevocationEntry.create(5, RevocationTarget.serial("ff"), "", now, OPERATOR, chain.get(3).hash());
    SignedHead otherHead = SignedHead.sign(LogPosition.of(divergent), now.plusSeconds(5), registry.keyMaterial());
    other.add(divergent);
    assertEquals(Reason.FORKED, verifier.verify(head(5, now), other, otherHead).reason());
  }

  @Test
  void entriesThatDoNotEndAtTheHeadHashAreRejected() {
    RevocationEntry other = RevocationEntry.create(5, RevocationTarget.serial("ff"), "", now, OPERATOR, chain.get(3).hash());
    SignedHead headOfOther = SignedHead.sign(LogPosition.of(other), now, registry.keyMaterial());
    assertEquals(Reason.BROKEN_CHAIN, verifier.verify(null, chain, headOfOther).reason());
  }

  @Test
  void revokedRegistryCertificatesSignNothing() {
    RevocationSet revoked = new RevocationSet();
    revoked.add(
        RevocationEntry.create(
            1, RevocationTarget.serialOf(registry.keyMaterial().certificate()), "", now, OPERATOR, ChainHash.GENESIS));
    ChainVerifier strict =
        new ChainVerifier(new HeadVerifier(new PeerCertificateValidator(pki.ca.trustBundle(), TestPki.DOMAIN, pki.clock, revoked)));
    assertEquals(Reason.UNTRUSTED_HEAD, strict.verify(null, chain, head(5, now)).reason());
  }
}
