package dev.hearsay.overlay.revocation.gossip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.overlay.core.Formulas;
import dev.hearsay.overlay.core.MembershipConfig;
import dev.hearsay.overlay.core.RegistryHead;
import dev.hearsay.overlay.core.RevocationEntries;
import dev.hearsay.overlay.core.RevocationPull;
import dev.hearsay.overlay.revocation.ForgedHeads;
import dev.hearsay.overlay.revocation.VerifiedLog;
import dev.hearsay.overlay.revocation.gossip.GossipEffects.Drop;
import dev.hearsay.overlay.sim.SimulatedRegistry;
import dev.hearsay.registry.log.ChainVerification;
import dev.hearsay.registry.log.ChainVerification.Outcome;
import dev.hearsay.registry.log.RevocationEntry;
import dev.hearsay.registry.log.RevocationTarget;
import dev.hearsay.registry.log.SignedHead;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The decisions of registry gossip, one at a time, on virtual time: what it sends on a peer's head,
 * when it pulls, how pages of a long gap come together, how pushes run out, and what a peer may
 * cost. Real entries and registry-signed heads, the real chain verification.
 */
class RegistryGossipTest {
  private static final long MS = 1_000_000L;
  private static final long S = 1_000 * MS;
  private static final String P = "spiffe://example.org/tenant/blue/node/p";
  private static final String Q = "spiffe://example.org/tenant/blue/node/q";

  private final TestPki pki = new TestPki();
  private final SimulatedRegistry registry = new SimulatedRegistry(pki.ca);
  private final RegistryGossipConfig config = RegistryGossipConfig.of(MembershipConfig.lan(), 64 * 1024);
  private final List<String> members = new ArrayList<>();
  private final VerifiedLog log = new VerifiedLog(registry.verifier(pki.clock));
  private final RegistryGossip gossip = new RegistryGossip(config, log, () -> members, new SplittableRandom(1), 0);
  private final RecordingEffects out = new RecordingEffects();

  RegistryGossipTest() {
    for (int i = 0; i < 10; i++) {
      members.add("spiffe://example.org/tenant/blue/node/m" + i);
    }
  }

  private void publish(int n) {
    for (int i = 0; i < n; i++) {
      registry.append(RevocationTarget.identity(NodeIdentity.node(TestPki.DOMAIN, "blue", "bad" + registry.entries().size())),
          "test", pki.clock.instant());
    }
  }

  private SignedHead head() {
    return registry.head(pki.clock.instant());
  }

  private List<RevocationEntry> entries(int from, int to) {
    return registry.entries().subList(from - 1, to);
  }

  private void hold(int sequence) {
    assertTrue(log.offer(entries(1, sequence), registry.headAt(sequence, pki.clock.instant())).accepted());
  }

  @Test
  void aPeerAheadIsPulledOnceAndItsAnswerAccepted() {
    publish(3);
    gossip.onMessage(0, P, new RegistryHead(head()), out);
    gossip.onMessage(MS, P, new RegistryHead(head()), out);
    assertEquals(List.of(new RevocationPull(0, config.maxEntriesPerMessage())), out.sentOf(RevocationPull.class), "one pull in flight per peer");

    gossip.onMessage(2 * MS, P, new RevocationEntries(entries(1, 3), head()), out);
    assertTrue(out.lastOffer().accepted(), out.lastOffer()::toString);
    assertEquals(3, log.size());
    assertEquals(0, gossip.pullsInFlight());
    // Accepted entries go on at once to fanout members.
    assertEquals(config.fanout(), out.sentOf(RevocationEntries.class).size());
  }

  @Test
  void aPeerBehindIsSentTheGapAndItsAnswersAreRateLimited() {
    publish(3);
    hold(3);
    gossip.onMessage(0, P, new RegistryHead(registry.headAt(1, pki.clock.instant())), out);
    RevocationEntries gap = out.sentOf(RevocationEntries.class).get(0);
    assertEquals(entries(2, 3), gap.entries());
    assertEquals(3, gap.head().sequence());

    for (int i = 0; i < 10; i++) {
      gossip.onMessage(0, P, new RevocationPull(0, 64), out);
    }
    long answered = out.sentOf(RevocationEntries.class).size();
    assertEquals((long) (2 * config.answersPerSecond()), answered, "the burst, then nothing until tokens come back");
    assertTrue(out.dropped.stream().allMatch(d -> d.reason() == Drop.ANSWER_RATE) && !out.dropped.isEmpty());
    gossip.onMessage(S, P, new RevocationPull(0, 64), out);
    assertEquals(answered + 1, out.sentOf(RevocationEntries.class).size(), "a second later it is answered again");
  }

  @Test
  void newEntriesArePushedAtOnceThenEveryTickUntilTheirTransmissionsRunOut() {
    publish(2);
    ChainVerification v = log.offer(entries(1, 2), head());
    gossip.accepted(0, v.entries(), out);
    assertEquals(config.fanout(), out.sent.size(), "pushed at once");
    for (long t = 1; t <= 20; t++) {
      gossip.onTick(t * config.gossipInterval(), out);
    }
    int limit = Formulas.retransmitLimit(config.retransmitMult(), members.size());
    assertTrue(out.sent.size() >= limit && out.sent.size() < limit + config.fanout(), out.sent.size() + " pushes for a limit of " + limit);
    assertEquals(0, gossip.queued());
    for (RecordingEffects.Sent s : out.sent) {
      RevocationEntries m = (RevocationEntries) s.message();
      assertEquals(entries(1, 2), m.entries());
      assertTrue(members.contains(s.peer()));
    }
    int before = out.sent.size();
    gossip.accepted(5 * S, v.entries(), out);
    assertEquals(before, out.sent.size(), "the same entries again are not new");
  }

  @Test
  void aGapLongerThanOneMessageIsGatheredAndOfferedAtOnce() {
    publish(150);
    hold(150);
    VerifiedLog behind = new VerifiedLog(registry.verifier(pki.clock));
    RegistryGossip b = new RegistryGossip(config, behind, List::of, new SplittableRandom(2), 0);
    RecordingEffects bOut = new RecordingEffects();
    b.onMessage(0, P, gossip.headForPushPull(), bOut);
    int pages = 0;
    while (!bOut.sentOf(RevocationPull.class).isEmpty() && pages < 10) {
      RevocationPull pull = bOut.sentOf(RevocationPull.class).get(0);
      bOut.clear();
      out.clear();
      gossip.onMessage(pages * S, P, pull, out);
      RevocationEntries page = out.sentOf(RevocationEntries.class).get(0);
      assertTrue(page.entries().size() <= config.maxEntriesPerMessage() && page.estimatedBytes() <= config.maxMessageBytes());
      b.onMessage(pages * S + MS, Q, page, bOut);
      pages++;
    }
    assertEquals(3, pages);
    assertEquals(1, bOut.offered.size(), "one offer, when the last page reached the head");
    assertTrue(bOut.lastOffer().accepted(), bOut.lastOffer()::toString);
    assertEquals(150, behind.size());
  }

  @Test
  void aGapLongerThanOneCatchUpGathersIsLeftToTheRegistryAndItsPeerQuarantined() {
    publish(10);
    RegistryGossipConfig small = new RegistryGossipConfig(config.gossipInterval(), config.fanout(), config.retransmitMult(), 2,
        config.maxMessageBytes(), config.pullTimeout(), config.maxPullsInFlight(), config.pullsPerSecond(), 3, config.offersPerSecond(),
        config.answersPerSecond(), config.rejectionQuarantine(), config.maxPeers());
    RegistryGossip g = new RegistryGossip(small, log, () -> members, new SplittableRandom(3), 0);
    g.onMessage(0, P, new RevocationEntries(entries(1, 2), head()), out);
    assertEquals(List.of(new RevocationPull(2, 2)), out.sentOf(RevocationPull.class), "the first page is kept, the next asked for");
    g.onMessage(MS, P, new RevocationEntries(entries(3, 4), head()), out);
    assertEquals(List.of(new RecordingEffects.Dropped(P, Drop.GATHER_LIMIT)), out.dropped);
    assertEquals(0, g.pullsInFlight());
    assertTrue(out.offered.isEmpty());
    g.onMessage(2 * MS, P, new RegistryHead(head()), out);
    assertEquals(Drop.QUARANTINED, out.dropped.get(1).reason());
  }

  @Test
  void anUnansweredPullIsGivenUpAndNoMoreThanTheLimitAreInFlight() {
    publish(1);
    for (int i = 0; i < 5; i++) {
      gossip.onMessage(0, "spiffe://example.org/tenant/blue/node/ahead" + i, new RegistryHead(head()), out);
    }
    assertEquals(config.maxPullsInFlight(), gossip.pullsInFlight());
    gossip.onTick(config.pullTimeout(), out);
    assertEquals(0, gossip.pullsInFlight());
    assertEquals(config.maxPullsInFlight(), out.dropped.stream().filter(d -> d.reason() == Drop.PULL_TIMEOUT).count());
  }

  @Test
  void aRejectedOfferQuarantinesThePeerForAWhile() {
    publish(1);
    SignedHead forged = ForgedHeads.signedBy(pki.node("blue", "p").keyMaterial(), head().position(), pki.clock.instant(), TestPki.DOMAIN);
    gossip.onMessage(0, P, new RevocationEntries(entries(1, 1), forged), out);
    assertEquals(ChainVerification.Reason.UNTRUSTED_HEAD, out.lastOffer().reason());
    assertEquals(0, log.size());

    gossip.onMessage(MS, P, new RevocationEntries(entries(1, 1), head()), out);
    assertEquals(List.of(new RecordingEffects.Dropped(P, Drop.QUARANTINED)), out.dropped);
    assertEquals(0, log.size(), "not even the honest words of a quarantined peer are taken");
    gossip.onMessage(MS, Q, new RevocationEntries(entries(1, 1), head()), out);
    assertEquals(1, log.size(), "another peer is heard");

    publish(1);
    gossip.onMessage(config.rejectionQuarantine() + MS, P, new RevocationEntries(entries(2, 2), head()), out);
    assertTrue(out.lastOffer().accepted(), "after the quarantine the peer is heard again");
  }

  @Test
  void offersThatNeedASignatureCheckAreRateLimitedPerPeerWhileIgnoredOnesAreFree() {
    publish(1);
    hold(1);
    for (int i = 1; i <= 10; i++) {
      pki.clock.advance(Duration.ofSeconds(1));
      gossip.onMessage(0, P, new RegistryHead(head()), out); // fresher each time: checked and accepted
    }
    assertEquals((long) (2 * config.offersPerSecond()), out.offered.size());
    assertTrue(out.dropped.stream().allMatch(d -> d.reason() == Drop.OFFER_RATE));
    int offers = out.offered.size();
    for (int i = 0; i < 10; i++) {
      gossip.onMessage(0, P, new RevocationEntries(entries(1, 1), registry.headAt(0, pki.clock.instant().minusSeconds(60))), out);
    }
    assertEquals(offers + 10, out.offered.size(), "older heads cost nothing and are ignored");
    assertTrue(out.offered.subList(offers, offers + 10).stream().allMatch(o -> o.result().outcome() == Outcome.IGNORED));
  }

  @Test
  void aSpentVerificationBudgetStopsTheOffer() {
    publish(1);
    out.budget = false;
    gossip.onMessage(0, P, new RevocationEntries(entries(1, 1), head()), out);
    assertEquals(List.of(new RecordingEffects.Dropped(P, Drop.VERIFICATION_BUDGET)), out.dropped);
    assertTrue(out.offered.isEmpty());
    assertEquals(0, log.size());
  }

  @Test
  void entriesThatStartBeyondThePositionArePulledNotOffered() {
    publish(3);
    gossip.onMessage(0, P, new RevocationEntries(entries(3, 3), head()), out);
    assertTrue(out.offered.isEmpty());
    assertEquals(List.of(new RevocationPull(0, config.maxEntriesPerMessage())), out.sentOf(RevocationPull.class));
  }

  @Test
  void aFresherHeadAtTheSamePositionIsOfferedAloneAndAStaleOneIsNot() {
    publish(1);
    hold(1);
    gossip.onMessage(0, P, new RegistryHead(registry.headAt(1, pki.clock.instant().minusSeconds(5))), out);
    assertTrue(out.offered.isEmpty() && out.sent.isEmpty());
    pki.clock.advance(Duration.ofMinutes(1));
    gossip.onMessage(0, P, new RegistryHead(head()), out);
    assertTrue(out.lastOffer().accepted());
    assertEquals(pki.clock.instant().toEpochMilli(), log.head().time().toEpochMilli());
  }
}
