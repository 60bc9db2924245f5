package dev.hearsay.overlay.core;

import static dev.hearsay.overlay.core.TestMembers.NO_PROOF;
import static dev.hearsay.overlay.core.TestMembers.addr;
import static dev.hearsay.overlay.core.TestMembers.alive;
import static dev.hearsay.overlay.core.TestMembers.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A peer that asks as fast as its budgets allow gets claims on its answers at a pace, and takes no one else's. */
class AnswerPacingTest {

  private static final long S = 1_000_000_000L;
  private static final long MS = 1_000_000L;

  private final MembershipConfig config = MembershipConfig.lan();
  private final MemberId self = id(0);
  private MembershipCore core;
  private Recorder out;

  @BeforeEach
  void setUp() {
    out = new Recorder();
    core = TestMembers.startedWithNinePeers(config, out);
  }

  private static long copiesOf(MemberId subject, List<Recorder.Sent> sent) {
    return Recorder.claimsIn(sent).stream().filter(c -> c.subject().equals(subject)).count();
  }

  private List<Recorder.Sent> sentToAnyoneBut(String address) {
    return out.sent.stream().filter(s -> !s.address().equals(address)).toList();
  }

  @Test
  void aPeerPingingFastDoesNotTakeAFreshClaimsRetransmits() {
    core.onMessage(S, id(3), addr(3), new Gossip(List.of(alive(12, 1)), false), out);
    int limit = Formulas.retransmitLimit(config.retransmitMult(), core.memberCount());
    out.clear();
    // Member 4 pings every 5 ms (200 a second, a member's whole frame budget) for a second, while
    // this node gossips on its own schedule every 200 ms.
    for (int i = 0; i < 200; i++) {
      long now = S + 1 + i * 5 * MS;
      if (i % 40 == 0) {
        core.onTimer(now, Timer.GOSSIP, out);
      }
      core.onMessage(now, id(4), addr(4), new Ping(i, self, List.of()), out);
    }
    assertEquals(200, out.sentTo(addr(4)).stream().filter(s -> s.message() instanceof Ack).count(), "every ping is answered");
    long toPinger = copiesOf(id(12), out.sentTo(addr(4)));
    long toOthers = copiesOf(id(12), sentToAnyoneBut(addr(4)));
    assertTrue(toPinger <= limit / 2, "the fast pinger got " + toPinger + " of the claim's " + limit + " retransmits");
    assertTrue(toOthers >= limit - toPinger && toOthers > toPinger,
        "the others got " + toOthers + " copies, the pinger " + toPinger + ", of " + limit);
  }

  @Test
  void pingsWithinHalfAGossipIntervalCarryAClaimOnce() {
    // This node not gossiping at all: unpaced, the answers alone would spend all the claim's retransmits.
    core.onMessage(S, id(3), addr(3), new Gossip(List.of(alive(12, 1)), false), out);
    out.clear();
    for (int i = 0; i < 20; i++) {
      core.onMessage(S + 1 + i * 5 * MS, id(4), addr(4), new Ping(i, self, List.of()), out);
    }
    long copies = copiesOf(id(12), out.sentTo(addr(4)));
    assertEquals(1, copies, "20 pings within 100 ms carry the claim once");
  }

  @Test
  void anHonestPeersAnswersAllCarryNews() {
    for (int i = 0; i < 10; i++) {
      long now = S + i * config.gossipInterval();
      core.onMessage(now, id(3), addr(3), new Gossip(List.of(alive(20 + i, 1)), false), out);
      out.clear();
      // Member 5's probe pings and member 6's gossip pushes, each at its own interval: every answer carries
      // the news just learned.
      if (i % 5 == 0) {
        core.onMessage(now + MS, id(5), addr(5), new Ping(i, self, List.of()), out);
        assertEquals(1, copiesOf(id(20 + i), out.sentTo(addr(5))), "the ack of probe " + i);
      }
      core.onMessage(now + 2 * MS, id(6), addr(6), new Gossip(List.of(), true), out);
      assertEquals(1, copiesOf(id(20 + i), out.sentTo(addr(6))), "the reply to push " + i);
    }
  }

  @Test
  void aSuspectedPeerHearsOfItsSuspicionOnEveryAnswer() {
    core.onMessage(S, id(3), addr(3), new Gossip(List.of(new Suspect(id(4), 1, id(3), NO_PROOF)), false), out);
    out.clear();
    for (int i = 0; i < 5; i++) {
      core.onMessage(S + 1 + i * MS, id(4), addr(4), new Ping(i, self, List.of()), out);
    }
    List<Ack> acks = out.sentOf(Ack.class);
    assertEquals(5, acks.size());
    for (Ack a : acks) {
      assertTrue(a.piggyback().stream().anyMatch(c -> c instanceof Suspect s && s.subject().equals(id(4))), "ack " + a.seq());
    }
  }

  @Test
  void aFloodOfGossipPushesGetsRepliesOnlyAtThePace() {
    for (int i = 0; i < 40; i++) {
      core.onMessage(S + i * MS, id(3), addr(3), new Gossip(List.of(alive(20 + i, 1)), false), out);
    }
    out.clear();
    for (int i = 0; i < 100; i++) {
      core.onMessage(2 * S + i * MS, id(4), addr(4), new Gossip(List.of(), true), out);
    }
    assertEquals(1, out.sentTo(addr(4)).size(), "100 pushes within 100 ms: one reply, the rest had nothing to carry");
  }

  @Test
  void rememberedPeersAreBoundedAndForgottenOnceIdle() {
    AnswerPacing pacing = new AnswerPacing(100 * MS);
    for (int i = 0; i < AnswerPacing.MAX_PEERS; i++) {
      assertTrue(pacing.mayCarryClaims(S, id(1000 + i)));
    }
    assertFalse(pacing.mayCarryClaims(S, id(1)), "past the bound a new peer's answer carries no claims");
    assertEquals(AnswerPacing.MAX_PEERS, pacing.remembered());
    assertTrue(pacing.mayCarryClaims(S + 100 * MS, id(1)), "once the others' pace ran out, they make room");
    pacing.forgetIdle(S + 200 * MS);
    assertEquals(0, pacing.remembered());
  }
}
