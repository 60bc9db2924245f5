package dev.hearsay.overlay.core;

import static dev.hearsay.overlay.core.TestMembers.NO_PROOF;
import static dev.hearsay.overlay.core.TestMembers.addr;
import static dev.hearsay.overlay.core.TestMembers.alive;
import static dev.hearsay.overlay.core.TestMembers.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MembershipCoreTest {

  private static final long S = 1_000_000_000L;
  private static final long MS = 1_000_000L;

  private final MembershipConfig config = MembershipConfig.lan();
  private final List<Alive> peers = TestMembers.ninePeers();
  private MemberId selfId;
  private MembershipCore core;
  private Recorder out;

  private static Suspect suspect(int subject, long inc, int accuser) {
    return new Suspect(id(subject), inc, id(accuser), NO_PROOF);
  }

  @BeforeEach
  void setUp() {
    selfId = id(0);
    out = new Recorder();
    core = TestMembers.startedWithNinePeers(config, out);
  }

  private void gossip(long now, int from, Claim... claims) {
    core.onMessage(now, id(from), addr(from), new Gossip(List.of(claims), true), out);
  }

  @Test
  void answersAPingAddressedToItWithAnAck() {
    core.onMessage(10, id(3), addr(3), new Ping(77, selfId, List.of()), out);
    List<Ack> acks = out.sentOf(Ack.class);
    assertEquals(1, acks.size());
    assertEquals(77, acks.get(0).seq());
    assertEquals(addr(3), out.sent.get(0).address());
  }

  @Test
  void ignoresAPingMeantForSomeoneElse() {
    core.onMessage(10, id(3), addr(3), new Ping(77, id(5), List.of()), out);
    assertTrue(out.sentOf(Ack.class).isEmpty());
  }

  @Test
  void unansweredProbeGoesIndirectThenAccusesTheIncarnationTheTargetClaimed() {
    core.onTimer(1 * S, Timer.PROBE, out);
    Ping ping = out.sentOf(Ping.class).get(0);
    MemberId target = ping.target();
    Recorder.Scheduled timeout = out.lastTimer(Timer.Kind.PROBE_TIMEOUT);
    assertEquals(1 * S + config.probeTimeout(), timeout.at());
    core.onTimer(timeout.at(), timeout.timer(), out);
    List<PingReq> reqs = out.sentOf(PingReq.class);
    assertEquals(config.indirectChecks(), reqs.size());
    for (PingReq r : reqs) {
      assertEquals(target, r.target());
    }
    // Helpers NACK (our links work), the target never answers: the next tick judges the probe.
    for (PingReq r : reqs) {
      core.onMessage(timeout.at() + MS, id(1), addr(1), new Nack(r.seq()), out);
    }
    core.onTimer(2 * S, Timer.PROBE, out);
    assertEquals(Status.SUSPECT, core.statusOf(target));
    Suspect s = (Suspect) core.claimOf(target);
    assertEquals(selfId, s.accuser());
    assertEquals(1, s.incarnation());
    assertEquals(0, core.awarenessScore(), "all NACKs arrived: our own health is fine");
    // The runtime hears of the silence, with the probe's send time, so it can drop a half-open connection.
    String pinged = out.sent.stream().filter(x -> x.message() == ping).findFirst().orElseThrow().address();
    assertEquals(List.of(new Recorder.Unanswered(target, pinged, 1 * S)), out.unanswered);
  }

  @Test
  void missingNacksRaiseTheLocalHealthScoreAndStretchTheProbeInterval() {
    core.onTimer(1 * S, Timer.PROBE, out);
    Recorder.Scheduled timeout = out.lastTimer(Timer.Kind.PROBE_TIMEOUT);
    core.onTimer(timeout.at(), timeout.timer(), out);
    out.clear();
    core.onTimer(2 * S, Timer.PROBE, out);
    assertEquals(config.indirectChecks(), core.awarenessScore());
    assertEquals(2 * S + (config.indirectChecks() + 1) * config.probeInterval(),
        out.lastTimer(Timer.Kind.PROBE).at());
  }

  @Test
  void ackMarksTheProbeSuccessful() {
    core.onTimer(1 * S, Timer.PROBE, out);
    Ping ping = out.sentOf(Ping.class).get(0);
    core.onMessage(1 * S + MS, ping.target(), "x", new Ack(ping.seq(), ping.target(), List.of()), out);
    core.onTimer(2 * S, Timer.PROBE, out);
    assertEquals(Status.ALIVE, core.statusOf(ping.target()));
    assertTrue(out.unanswered.isEmpty(), "an answered probe is not reported: " + out.unanswered);
  }

  @Test
  void helperRelaysTheTargetsAckToTheRequester() {
    core.onMessage(0, id(2), addr(2), new PingReq(5, id(4), addr(4), List.of()), out);
    Ping ping = out.sentOf(Ping.class).get(0);
    assertEquals(addr(4), out.sent.get(0).address());
    out.clear();
    core.onMessage(MS, id(4), addr(4), new Ack(ping.seq(), id(4), List.of()), out);
    assertEquals(1, out.sentTo(addr(2)).size());
    assertEquals(5, ((Ack) out.sentTo(addr(2)).get(0).message()).seq());
  }

  @Test
  void helperNacksWhenTheTargetStaysSilent() {
    core.onMessage(0, id(2), addr(2), new PingReq(5, id(4), addr(4), List.of()), out);
    Recorder.Scheduled nack = out.lastTimer(Timer.Kind.HELPER_NACK);
    assertEquals(Formulas.nackTimeout(config.probeTimeout()), nack.at());
    out.clear();
    core.onTimer(nack.at(), nack.timer(), out);
    assertEquals(new Nack(5), out.sentTo(addr(2)).get(0).message());
  }

  @Test
  void refutesASuspicionOfItselfWithAHigherIncarnation() {
    assertEquals(0, core.incarnation());
    gossip(S, 3, new Suspect(selfId, 0, id(3), NO_PROOF));
    assertEquals(1, core.incarnation());
    out.clear();
    core.onTimer(2 * S, Timer.GOSSIP, out);
    assertTrue(out.claimsSent().stream().anyMatch(c -> c instanceof Alive a && a.subject().equals(selfId)
        && a.incarnation() == 1), "the refutation is gossiped");
  }

  @Test
  void rejectsAnAccusationOfAnIncarnationTheSubjectNeverClaimed() {
    gossip(S, 3, suspect(5, 2, 3));
    assertEquals(Status.ALIVE, core.statusOf(id(5)));
    gossip(S, 3, suspect(5, 0, 3));
    assertEquals(Status.ALIVE, core.statusOf(id(5)), "stale incarnation");
  }

  @Test
  void oneAccuserIsNeverEnoughWhateverItsTimeout() {
    gossip(S, 3, suspect(5, 1, 3));
    assertEquals(Status.SUSPECT, core.statusOf(id(5)));
    for (long t = 2; t < 120; t++) {
      core.onTimer(t * S, new Timer(Timer.Kind.SUSPICION, 0, id(5)), out);
      gossip(t * S, 3, suspect(5, 1, 3));
    }
    assertEquals(Status.SUSPECT, core.statusOf(id(5)), "k = 2 distinct accusers are required");
  }

  @Test
  void kDistinctAccusersWhoseSuspicionRunsOutMakeItDead() {
    gossip(S, 3, suspect(5, 1, 3));
    gossip(S + 100 * MS, 4, suspect(5, 1, 4));
    Recorder.Scheduled due = out.lastTimer(Timer.Kind.SUSPICION);
    long n = core.memberCount();
    long min = config.suspicionMin((int) n);
    long max = config.suspicionMax((int) n);
    assertEquals(S + Formulas.suspicionTimeout(1, config.expectedConfirmations(), min, max), due.at(),
        "the second accuser shrinks the timeout");
    core.onTimer(due.at() - 1, due.timer(), out);
    assertEquals(Status.SUSPECT, core.statusOf(id(5)), "not before the deadline");
    core.onTimer(due.at(), due.timer(), out);
    assertEquals(Status.DEAD, core.statusOf(id(5)));
    Dead d = (Dead) core.claimOf(id(5));
    assertEquals(2, d.distinctAccusers());
    assertEquals(selfId, d.declarer());
  }

  @Test
  void aNodeTheyMayNotAccuseIsNeverDeclaredDeadByThem() {
    MembershipCore restricted = new MembershipCore(selfId, addr(0), config, new SplittableRandom(42), ProofSource.NONE, 16);
    restricted.accusationPolicy((accuser, subject) -> !(accuser.equals(selfId) && subject.equals(id(5))));
    restricted.bootstrap(peers);
    Recorder rec = new Recorder();
    restricted.start(0, List.of(), rec);
    restricted.onMessage(S, id(3), addr(3), new Gossip(List.of(suspect(5, 1, 3)), true), rec);
    restricted.onMessage(S, id(4), addr(4), new Gossip(List.of(suspect(5, 1, 4)), true), rec);
    Recorder.Scheduled due = rec.lastTimer(Timer.Kind.SUSPICION);
    restricted.onTimer(due.at() + 60 * S, due.timer(), rec);
    assertEquals(Status.SUSPECT, restricted.statusOf(id(5)), "the verdict belongs to members who may accuse it");

    Dead byAuthorized = new Dead(id(5), 1, id(3), List.of(suspect(5, 1, 3), suspect(5, 1, 4)), NO_PROOF);
    restricted.onMessage(70 * S, id(3), addr(3), new Gossip(List.of(byAuthorized), true), rec);
    assertEquals(Status.DEAD, restricted.statusOf(id(5)), "an authorized member's DEAD is taken");
    assertThrows(IllegalStateException.class, () -> restricted.accusationPolicy(AccusationPolicy.ANYONE));
  }

  @Test
  void aRefutationInTimeCancelsTheSuspicion() {
    gossip(S, 3, suspect(5, 1, 3));
    gossip(S, 4, suspect(5, 1, 4));
    gossip(2 * S, 5, alive(5, 2));
    Recorder.Scheduled due = out.lastTimer(Timer.Kind.SUSPICION);
    core.onTimer(due.at(), due.timer(), out);
    assertEquals(Status.ALIVE, core.statusOf(id(5)));
    assertEquals(2, core.claimOf(id(5)).incarnation());
  }

  @Test
  void deadWithoutQuorumEvidenceIsRejected() {
    Dead weak = new Dead(id(5), 1, id(3), List.of(suspect(5, 1, 3)), NO_PROOF);
    gossip(S, 3, weak);
    assertEquals(Status.ALIVE, core.statusOf(id(5)));
    Dead sameTwice = new Dead(id(5), 1, id(3), List.of(suspect(5, 1, 3), suspect(5, 1, 3)), NO_PROOF);
    gossip(S, 3, sameTwice);
    assertEquals(Status.ALIVE, core.statusOf(id(5)), "one accuser counted twice is still one");
    Dead strong = new Dead(id(5), 1, id(3), List.of(suspect(5, 1, 3), suspect(5, 1, 4)), NO_PROOF);
    gossip(S, 3, strong);
    assertEquals(Status.DEAD, core.statusOf(id(5)));
  }

  @Test
  void gracefulLeaveIsFinalForItsIncarnation() {
    Leave leave = new Leave(id(6), 1, NO_PROOF);
    gossip(S, 6, leave);
    assertEquals(Status.LEFT, core.statusOf(id(6)));
    gossip(S, 3, alive(6, 1));
    assertEquals(Status.LEFT, core.statusOf(id(6)), "a replayed ALIVE does not undo a LEAVE");
    Dead byLeave = new Dead(id(7), 1, id(3), List.of(new Leave(id(7), 1, NO_PROOF)), NO_PROOF);
    gossip(S, 3, byLeave);
    assertEquals(Status.DEAD, core.statusOf(id(7)));
  }

  @Test
  void aLeaveGoesAtOnceToFanoutMembersAheadOfAFullQueue() {
    for (int i = 40; i < 90; i++) {
      gossip(S, i, alive(i, 1)); // fifty fresh claims waiting their turn
    }
    out.clear();
    core.leave(2 * S, out);
    List<Recorder.Sent> told = out.sent.stream()
        .filter(m -> Messages.claimsOf(m.message()).stream().anyMatch(c -> c instanceof Leave l && l.subject().equals(selfId)))
        .toList();
    assertEquals(config.fanout(), told.size(), "before any gossip tick: " + out.sent);
    assertEquals(config.fanout(), told.stream().map(Recorder.Sent::address).distinct().count(), "to distinct members");
  }

  @Test
  void leavingAnnouncesLeaveAndStopsProbing() {
    core.leave(S, out);
    assertTrue(core.hasLeft());
    assertEquals(Status.LEFT, core.statusOf(selfId));
    out.clear();
    core.onTimer(2 * S, Timer.GOSSIP, out);
    assertTrue(out.claimsSent().stream().anyMatch(c -> c instanceof Leave l && l.subject().equals(selfId)),
        "the leave is gossiped");
    out.clear();
    core.onTimer(3 * S, Timer.PROBE, out);
    assertTrue(out.sentOf(Ping.class).isEmpty(), "a leaving member probes no one");
  }

  @Test
  void revocationBeatsEverythingForever() {
    core.revoke(S, new Revoked(id(8), 1, NO_PROOF), out);
    gossip(2 * S, 8, alive(8, 99));
    assertEquals(Status.REVOKED, core.statusOf(id(8)));
    int before = out.sent.size();
    core.onMessage(3 * S, id(8), addr(8), new Ping(1, selfId, List.of()), out);
    assertEquals(before, out.sent.size(), "a revoked member gets no answer");
  }

  @Test
  void aRevokedAccusersOnlyAccusationIsWithdrawnAndItsSubjectIsAliveAgain() {
    gossip(S, 3, suspect(5, 1, 3));
    assertEquals(Status.SUSPECT, core.statusOf(id(5)));
    out.clear();

    core.revoke(2 * S, new Revoked(id(3), 1, NO_PROOF), out);

    assertEquals(Status.ALIVE, core.statusOf(id(5)));
    assertEquals(1, core.claimOf(id(5)).incarnation());
    assertTrue(out.events.stream().anyMatch(e -> e.kind() == MembershipEvent.Kind.ALIVE && e.subject().equals(id(5))),
        "the view hears of it: " + out.events);
    gossip(3 * S, 4, suspect(5, 1, 4));
    Recorder.Scheduled due = out.lastTimer(Timer.Kind.SUSPICION);
    core.onTimer(due.at() + 60 * S, due.timer(), out);
    assertEquals(Status.SUSPECT, core.statusOf(id(5)), "one honest accuser is one, not two");
  }

  @Test
  void aRevokedAccuserNoLongerCountsTowardsK() {
    gossip(S, 3, suspect(5, 1, 3));
    gossip(S + 100 * MS, 4, suspect(5, 1, 4));
    core.revoke(2 * S, new Revoked(id(3), 1, NO_PROOF), out);

    assertEquals(Status.SUSPECT, core.statusOf(id(5)), "the honest accusation still stands");
    assertEquals(id(4), ((Suspect) core.claimOf(id(5))).accuser(), "the held claim is one a peer will accept");
    Recorder.Scheduled due = out.lastTimer(Timer.Kind.SUSPICION);
    core.onTimer(due.at() + 60 * S, due.timer(), out);
    assertEquals(Status.SUSPECT, core.statusOf(id(5)), "k = 2 without the revoked accuser is not reached");

    gossip(70 * S, 6, suspect(5, 1, 6));
    due = out.lastTimer(Timer.Kind.SUSPICION);
    core.onTimer(Math.max(due.at(), 70 * S), due.timer(), out);
    assertEquals(Status.DEAD, core.statusOf(id(5)), "two honest accusers still decide");
    assertTrue(((Dead) core.claimOf(id(5))).evidence().stream().noneMatch(c -> ((Suspect) c).accuser().equals(id(3))));
  }

  @Test
  void aMessageFromAnUnknownMemberStartsOneSyncWithIt() {
    core.onMessage(S, id(30), addr(30), new Ping(1, selfId, List.of()), out);
    assertEquals(1, out.sentOf(PushPullSyn.class).size(), "a stranger gets a digest: " + out.sent);
    out.clear();
    core.onMessage(S + config.gossipInterval() / 2, id(31), addr(31), new Ping(2, selfId, List.of()), out);
    assertTrue(out.sentOf(PushPullSyn.class).isEmpty(), "at most one triggered sync per gossip interval");
    out.clear();
    core.onMessage(2 * S, id(3), addr(3), new Ping(3, selfId, List.of()), out);
    assertTrue(out.sentOf(PushPullSyn.class).isEmpty(), "a known member triggers nothing");
  }

  @Test
  void aJoinAnswerNeverCarriesRegistryStateOrARevokedMember() {
    core.revoke(S, new Revoked(id(8), 1, NO_PROOF), out);
    out.clear();
    int[] empty = new int[ViewDigest.BUCKETS];
    core.onMessage(2 * S, id(20), addr(20), new PushPullSyn(new ViewDigest(0, empty), true), out);

    List<PushPullAck> answers = out.sentOf(PushPullAck.class);
    assertEquals(1, answers.size());
    assertTrue(answers.get(0).claims().stream().anyMatch(c -> c.subject().equals(id(3))), "the rest of the view is sent");
    assertTrue(answers.get(0).claims().stream().noneMatch(c -> c instanceof Revoked || c.subject().equals(id(8))),
        "answer: " + answers.get(0).claims());
  }

  @Test
  void gossipReceiverAnswersWithItsOwnNews() {
    gossip(S, 3, alive(12, 1)); // news learned from member 3
    out.clear();
    core.onMessage(2 * S, id(4), addr(4), new Gossip(List.of(), true), out);
    List<Gossip> replies = out.sentOf(Gossip.class);
    assertEquals(1, replies.size());
    assertFalse(replies.get(0).replyWanted());
    assertTrue(replies.get(0).claims().stream().anyMatch(c -> c.subject().equals(id(12))));
    out.clear();
    Alive fresh = alive(13, 1);
    core.onMessage(2 * S, id(5), addr(5), new Gossip(List.of(fresh), true), out);
    Gossip reply = out.sentOf(Gossip.class).get(0);
    assertFalse(reply.claims().contains(fresh), "what the peer just told us is not echoed back");
    assertTrue(reply.claims().stream().anyMatch(c -> c.subject().equals(id(12))));
  }

  @Test
  void eachClaimIsSentAtMostTheRetransmitLimit() {
    gossip(S, 3, alive(12, 1));
    int limit = Formulas.retransmitLimit(config.retransmitMult(), core.memberCount());
    out.clear();
    for (int t = 0; t < 100; t++) {
      core.onTimer(2 * S + t * config.gossipInterval(), Timer.GOSSIP, out);
    }
    long copies = out.claimsSent().stream().filter(c -> c.subject().equals(id(12))).count();
    assertEquals(limit, copies);
  }

  @Test
  void messagesStayWithinTheByteBudget() {
    for (int i = 20; i < 80; i++) {
      gossip(S, 3, alive(i, 1));
    }
    out.clear();
    core.onTimer(2 * S, Timer.GOSSIP, out);
    for (Gossip g : out.sentOf(Gossip.class)) {
      assertTrue(g.estimatedBytes() <= config.maxMessageBytes(), "gossip of " + g.estimatedBytes() + " bytes");
      assertFalse(g.claims().isEmpty());
    }
  }

  @Test
  void floodingAccuserIsRateLimited() {
    int accepted = 0;
    for (int v = 1; v <= 9; v++) {
      if (v == 3) {
        continue;
      }
      gossip(S, 3, suspect(v, 1, 3));
      if (core.statusOf(id(v)) == Status.SUSPECT) {
        accepted++;
      }
    }
    assertEquals(config.accusationBurst(), accepted);
  }

  @Test
  void tombstonesExpire() {
    gossip(S, 6, new Leave(id(6), 1, NO_PROOF));
    core.onTimer(S + config.tombstoneTtl() - 1, Timer.REAP, out);
    assertEquals(Status.LEFT, core.statusOf(id(6)));
    core.onTimer(S + config.tombstoneTtl(), Timer.REAP, out);
    assertNull(core.statusOf(id(6)));
    assertEquals(MembershipEvent.Kind.REMOVED, out.events.get(out.events.size() - 1).kind());
  }

  @Test
  void aTombstoneTtlCanBeShortenedButNotToNothing() {
    MembershipConfig minute = config.withTombstoneTtl(60 * S);
    assertEquals(60 * S, minute.tombstoneTtl());
    assertEquals(config.withTombstoneTtl(config.tombstoneTtl()), config);
    // Reaping runs every quarter of the TTL: a TTL of nothing would reap without end.
    assertThrows(IllegalArgumentException.class, () -> config.withTombstoneTtl(0));
  }

  @Test
  void declaredDeadRefutesAtOnceTheFirstTimeThenBacksOff() {
    Dead d = new Dead(selfId, 0, id(3), List.of(new Suspect(selfId, 0, id(3), NO_PROOF),
        new Suspect(selfId, 0, id(4), NO_PROOF)), NO_PROOF);
    gossip(S, 3, d);
    assertEquals(1, core.incarnation(), "first death: immediate refutation");
    Dead again = new Dead(selfId, 1, id(3), List.of(new Suspect(selfId, 1, id(3), NO_PROOF),
        new Suspect(selfId, 1, id(4), NO_PROOF)), NO_PROOF);
    gossip(2 * S, 3, again);
    assertEquals(1, core.incarnation(), "second death: flap damping");
    assertTrue(core.isWaitingToRejoin());
    Recorder.Scheduled rejoin = out.lastTimer(Timer.Kind.REJOIN);
    assertEquals(2 * S + config.rejoinBackoff(), rejoin.at());
    core.onTimer(rejoin.at(), rejoin.timer(), out);
    assertEquals(2, core.incarnation());
  }

  @Test
  void aMemberAtWorstHealthThatKeepsBeingSuspectedStepsBack() {
    // Probes fail and no helper even NACKs: the local-health score climbs to its ceiling.
    for (int round = 1; round <= 4; round++) {
      core.onTimer(round * 10 * S, Timer.PROBE, out);
      Recorder.Scheduled timeout = out.lastTimer(Timer.Kind.PROBE_TIMEOUT);
      core.onTimer(timeout.at(), timeout.timer(), out);
    }
    core.onTimer(50 * S, Timer.PROBE, out);
    assertEquals(config.awarenessMax() - 1, core.awarenessScore());
    long t = 60 * S;
    gossip(t, 3, new Suspect(selfId, core.incarnation(), id(3), NO_PROOF));
    gossip(t, 4, new Suspect(selfId, core.incarnation(), id(4), NO_PROOF));
    assertEquals(2, core.incarnation(), "the first suspicions are refuted");
    assertFalse(core.isWaitingToRejoin());
    gossip(t, 5, new Suspect(selfId, core.incarnation(), id(5), NO_PROOF));
    assertEquals(2, core.incarnation(), "the third one in a row is not: the member steps back");
    assertTrue(core.isWaitingToRejoin());
    Recorder.Scheduled rejoin = out.lastTimer(Timer.Kind.REJOIN);
    assertEquals(t + config.rejoinBackoff(), rejoin.at());
    gossip(t + S, 6, new Suspect(selfId, 2, id(6), NO_PROOF));
    assertEquals(2, core.incarnation(), "quiet during the back-off");
    core.onTimer(rejoin.at(), rejoin.timer(), out);
    assertEquals(3, core.incarnation(), "back with a higher incarnation");
  }

  @Test
  void pushPullInSyncCostsAFewHundredBytesWhateverTheViewSize() {
    MembershipCore twin = new MembershipCore(id(10), addr(10), config, new SplittableRandom(1), ProofSource.NONE, 16);
    List<Alive> all = new ArrayList<>(peers);
    all.add((Alive) core.claimOf(selfId));
    twin.bootstrap(all);
    gossip(S / 2, 10, twin.claimOf(id(10)));
    Recorder twinOut = new Recorder();
    twin.onMessage(S, selfId, addr(0), new PushPullSyn(core.digest(), false), twinOut);
    assertEquals(core.memberCount(), twin.memberCount());
    PushPullAck ack = twinOut.sentOf(PushPullAck.class).get(0);
    assertEquals(0, ack.bucketMask());
    int bytes = new PushPullSyn(core.digest(), false).estimatedBytes() + ack.estimatedBytes();
    assertTrue(bytes < 400, "in-sync exchange took " + bytes + " bytes");
  }

  @Test
  void inSyncDigestExchangeDoesNotGrowWithTheView() {
    List<Alive> many = new ArrayList<>();
    for (int i = 100; i < 5_100; i++) {
      many.add(alive(i, 1));
    }
    MembershipCore a = new MembershipCore(id(100), addr(100), config, new SplittableRandom(1), ProofSource.NONE, 5_000);
    MembershipCore b = new MembershipCore(id(101), addr(101), config, new SplittableRandom(2), ProofSource.NONE, 5_000);
    List<Alive> forA = new ArrayList<>(many);
    forA.set(1, (Alive) b.claimOf(id(101)));
    forA.set(0, (Alive) a.claimOf(id(100)));
    a.bootstrap(forA);
    b.bootstrap(forA);
    Recorder bOut = new Recorder();
    PushPullSyn syn = new PushPullSyn(a.digest(), false);
    b.onMessage(S, id(100), addr(100), syn, bOut);
    PushPullAck ack = bOut.sentOf(PushPullAck.class).get(0);
    assertEquals(0, ack.bucketMask(), "5,000 members in sync");
    assertTrue(syn.estimatedBytes() + ack.estimatedBytes() < 400,
        "in-sync exchange at 5,000 members took " + (syn.estimatedBytes() + ack.estimatedBytes()) + " bytes");
  }

  @Test
  void pushPullExchangesOnlyTheDifferingEntriesBothWays() {
    MembershipCore other = new MembershipCore(id(10), addr(10), config, new SplittableRandom(1), ProofSource.NONE, 16);
    List<Alive> all = new ArrayList<>(peers);
    all.add((Alive) core.claimOf(selfId));
    other.bootstrap(all);
    gossip(S / 2, 10, other.claimOf(id(10)));
    Recorder otherOut = new Recorder();
    other.onMessage(S, id(3), addr(3), new Gossip(List.of(alive(20, 1)), false), otherOut); // only other knows 20
    gossip(S, 4, alive(21, 1)); // only we know 21
    out.clear();
    other.onMessage(2 * S, selfId, addr(0), new PushPullSyn(core.digest(), false), otherOut);
    PushPullAck ack = otherOut.sentOf(PushPullAck.class).get(0);
    assertTrue(ack.claims().size() < all.size(), "only differing buckets travel");
    core.onMessage(2 * S, id(10), addr(10), ack, out);
    assertEquals(Status.ALIVE, core.statusOf(id(20)));
    PushPullAck2 ack2 = out.sentOf(PushPullAck2.class).get(0);
    other.onMessage(2 * S, selfId, addr(0), ack2, otherOut);
    assertEquals(Status.ALIVE, other.statusOf(id(21)));
    assertEquals(core.digest(), other.digest());
  }

  @Test
  void aJoinAnswerInSeveralPartsIsLearnedWholeAndNotGossipedOn() {
    MembershipCore newcomer = new MembershipCore(id(30), addr(30), config, new SplittableRandom(3), ProofSource.NONE, 4);
    Recorder nOut = new Recorder();
    newcomer.start(0, List.of(addr(0)), nOut);
    core.onMessage(MS, id(30), addr(30), nOut.sentOf(PushPullSyn.class).get(0), out);
    PushPullAck whole = out.sentOf(PushPullAck.class).get(0);
    int half = whole.claims().size() / 2;
    // As the transport sends an answer too large for one frame: the mask on the first part, the rest without one.
    newcomer.onMessage(2 * MS, selfId, addr(0), new PushPullAck(whole.bucketMask(), whole.claims().subList(0, half)), nOut);
    newcomer.onMessage(2 * MS, selfId, addr(0), new PushPullAck(0, whole.claims().subList(half, whole.claims().size())), nOut);
    assertEquals(core.memberCount(), newcomer.memberCount(), "the newcomer learned the whole view (the seed lists it already)");
    nOut.clear();
    newcomer.onTimer(3 * MS, Timer.GOSSIP, nOut);
    assertTrue(nOut.claimsSent().stream().allMatch(c -> c.subject().equals(id(30)) || c.subject().equals(selfId)),
        "a joiner gossips its own and the seed's claims, not the view it learned: " + nOut.claimsSent());
  }

  @Test
  void theTombstonesOfAJoinAnswerAreNotGossipedOnEvenWhenTheirAliveCameFirst() {
    // DEAD members: an answer holds their ALIVE (the address a healed partition is found by) and their DEAD.
    for (int i = 40; i < 50; i++) {
      gossip(S, i, alive(i, 1));
      gossip(S, 3, new Dead(id(i), 1, id(3), List.of(suspect(i, 1, 3), suspect(i, 1, 4)), NO_PROOF));
    }
    MembershipCore newcomer = newcomer();
    Recorder nOut = new Recorder();
    PushPullAck whole = answerToJoin(2 * S, newcomer, nOut);
    // ALIVEs travel first (the transport sorts them so), each member's DEAD in a later part.
    List<Claim> alivesFirst = new ArrayList<>(whole.claims());
    alivesFirst.sort(java.util.Comparator.comparing(c -> !(c instanceof Alive)));
    int firstPart = (int) alivesFirst.stream().filter(c -> c instanceof Alive).count();
    newcomer.onMessage(2 * S + MS, selfId, addr(0), new PushPullAck(whole.bucketMask(), alivesFirst.subList(0, firstPart)), nOut);
    newcomer.onMessage(2 * S + 2 * MS, selfId, addr(0), new PushPullAck(0, alivesFirst.subList(firstPart, alivesFirst.size())), nOut);
    assertTrue(whole.claims().contains(alive(45, 1)), "the answer holds a dead member's ALIVE: " + whole.claims());
    assertEquals(Status.DEAD, newcomer.statusOf(id(45)), "the tombstones are learned");
    assertTrue(nOut.events.stream().filter(e -> e.subject().equals(id(45))).allMatch(MembershipEvent::catchUp),
        "a member learned from the answer, and its departure, are the view catching up: " + nOut.events);
    assertTrue(nOut.events.stream().filter(e -> e.subject().equals(selfId)).noneMatch(MembershipEvent::catchUp),
        "the seed's own entry is news");
    nOut.clear();
    newcomer.onTimer(2 * S + 3 * MS, Timer.GOSSIP, nOut);
    assertTrue(nOut.claimsSent().stream().noneMatch(c -> c instanceof Dead),
        "the cluster's graveyard is not news to the cluster: " + nOut.claimsSent());

    // Once the answer is over, a change to a member learned from it is news like any other.
    long later = 2 * S + 2 * MS + AntiEntropy.QUIET_AFTER_LEARNING_GOSSIP_INTERVALS * config.gossipInterval();
    nOut.clear();
    newcomer.onMessage(later, selfId, addr(0), new PushPullAck(0, List.of(alive(45, 2))), nOut);
    assertEquals(Status.ALIVE, newcomer.statusOf(id(45)));
    assertFalse(nOut.events.get(0).catchUp(), "a member back from the dead is news");
    nOut.clear();
    newcomer.onTimer(later + MS, Timer.GOSSIP, nOut);
    assertTrue(nOut.claimsSent().stream().anyMatch(c -> c instanceof Alive && c.subject().equals(id(45)) && c.incarnation() == 2),
        "a member back from the dead is gossiped on: " + nOut.claimsSent());
  }

  @Test
  void aJoinAnswerSendsADepartedMemberAsItsLeaveAloneWhichStillOutranksItsOldAlive() {
    gossip(S, 40, alive(40, 1));
    gossip(S, 40, new Leave(id(40), 1, NO_PROOF));
    gossip(S, 3, new Dead(id(5), 1, id(3), List.of(suspect(5, 1, 3), suspect(5, 1, 4)), NO_PROOF));
    MembershipCore newcomer = newcomer();
    Recorder nOut = new Recorder();
    PushPullAck answer = answerToJoin(2 * S, newcomer, nOut);
    assertEquals(List.of(Status.LEFT), statusesAbout(answer.claims(), 40), "nobody talks to a departed member again");
    assertEquals(List.of(Status.ALIVE, Status.DEAD), statusesAbout(answer.claims(), 5),
        "the dead keep their address: talking to them is how a healed partition finds out");

    newcomer.onMessage(2 * S + MS, selfId, addr(0), answer, nOut);
    assertEquals(Status.LEFT, newcomer.statusOf(id(40)));
    assertEquals(core.digest().root(), newcomer.digest().root(), "the views agree, so push-pull has nothing to fix");
    newcomer.onMessage(3 * S, id(3), addr(3), new Gossip(List.of(alive(40, 1)), false), nOut);
    assertEquals(Status.LEFT, newcomer.statusOf(id(40)), "a replay of the ALIVE the LEAVE followed does not bring it back");
  }

  private MembershipCore newcomer() {
    return new MembershipCore(id(30), addr(30), config, new SplittableRandom(3), ProofSource.NONE, 4);
  }

  /** {@code newcomer} (member 30) starts at {@code now} with this core as its seed: this core's answer to its join. */
  private PushPullAck answerToJoin(long now, MembershipCore newcomer, Recorder nOut) {
    newcomer.start(now, List.of(addr(0)), nOut);
    out.clear();
    core.onMessage(now, id(30), addr(30), nOut.sentOf(PushPullSyn.class).get(0), out);
    return out.sentOf(PushPullAck.class).get(0);
  }

  private static List<Status> statusesAbout(List<Claim> claims, int member) {
    return claims.stream().filter(c -> c.subject().equals(id(member))).map(Claim::status).toList();
  }

  @Test
  void joinsThroughASeedThatListsItOnItsFirstFrame() {
    MembershipCore newcomer = new MembershipCore(id(30), addr(30), config, new SplittableRandom(3), ProofSource.NONE, 4);
    Recorder nOut = new Recorder();
    newcomer.start(0, List.of(addr(0)), nOut);
    PushPullSyn syn = nOut.sentOf(PushPullSyn.class).get(0);
    assertTrue(syn.join());
    assertEquals(List.of(newcomer.claimOf(id(30))), syn.claims(), "a join carries the joiner's own ALIVE");
    core.onMessage(MS, id(30), addr(30), syn, out);
    assertEquals(Status.ALIVE, core.statusOf(id(30)), "the seed lists the joiner on its SYN, before answering it");
    PushPullAck ack = out.sentOf(PushPullAck.class).get(0);
    out.clear();
    core.onTimer(2 * MS, Timer.GOSSIP, out);
    assertTrue(out.sentOf(Gossip.class).stream().anyMatch(g -> g.claims().stream().anyMatch(c -> c.subject().equals(id(30)))),
        "the seed spreads the newcomer's announcement at once: " + out.sent);
    newcomer.onMessage(3 * MS, selfId, addr(0), ack, nOut);
    assertEquals(core.memberCount(), newcomer.memberCount(), "the newcomer learned the whole view");
    assertTrue(nOut.sentOf(PushPullAck2.class).isEmpty(), "the seed lacks nothing of the newcomer's: " + nOut.sentOf(PushPullAck2.class));
    nOut.clear();
    newcomer.onTimer(config.joinRetry(), Timer.JOIN_RETRY, nOut);
    assertTrue(nOut.sentOf(PushPullSyn.class).isEmpty(), "joined: no retry");
  }

  @Test
  void aSynAnnouncesOnlyItsSender() {
    // A member replays another's validly signed ALIVE in a SYN: the SYN speaks only for its sender.
    core.onMessage(MS, id(30), addr(30), new PushPullSyn(core.digest(), true, List.of(alive(31, 1), alive(30, 1))), out);
    assertNull(core.statusOf(id(31)), "another member's claim in a SYN is not taken");
    assertEquals(Status.ALIVE, core.statusOf(id(30)));
  }

  @Test
  void aMemberBackFromTheDeadTriggersSyncsForAWhile() {
    core.onTimer(S, Timer.GOSSIP, out);
    assertTrue(out.sentOf(PushPullSyn.class).isEmpty(), "no heal under way: no extra sync");
    gossip(2 * S, 3, new Dead(id(5), 1, id(3), List.of(suspect(5, 1, 3), suspect(5, 1, 4)), NO_PROOF));
    out.clear();
    gossip(3 * S, 5, alive(5, 2));
    assertEquals(addr(5), out.sentTo(addr(5)).stream().filter(x -> x.message() instanceof PushPullSyn)
        .findFirst().orElseThrow().address(), "resync with the returning member");
    out.clear();
    core.onTimer(5 * S, Timer.GOSSIP, out);
    assertEquals(1, out.sentOf(PushPullSyn.class).size(), "healing: one sync with a random peer");
    out.clear();
    core.onTimer(5 * S + config.gossipInterval(), Timer.GOSSIP, out);
    assertTrue(out.sentOf(PushPullSyn.class).isEmpty(), "at most one per probe interval");
    out.clear();
    core.onTimer(3 * S + 31 * config.probeInterval(), Timer.GOSSIP, out);
    assertTrue(out.sentOf(PushPullSyn.class).isEmpty(), "the healing window closed");
  }

  @Test
  void joinRetriesTheNextSeed() {
    MembershipCore newcomer = new MembershipCore(id(30), addr(30), config, new SplittableRandom(3), ProofSource.NONE, 4);
    Recorder nOut = new Recorder();
    newcomer.start(0, List.of(addr(1), addr(2)), nOut);
    assertEquals(addr(1), nOut.sent.get(0).address());
    nOut.clear();
    newcomer.onTimer(config.joinRetry(), Timer.JOIN_RETRY, nOut);
    assertEquals(addr(2), nOut.sent.get(0).address());
  }

  @Test
  void joinRetriesBackOffSoABusySeedIsAskedAtMostTenTimesAMinute() {
    MembershipCore newcomer = new MembershipCore(id(30), addr(30), config, new SplittableRandom(3), ProofSource.NONE, 4);
    Recorder nOut = new Recorder();
    newcomer.start(0, List.of(addr(1)), nOut);
    List<Long> gaps = new ArrayList<>();
    long now = 0;
    int asked = 1;
    long minute = 60 * S;
    int askedInFirstMinute = 1;
    for (int i = 0; i < 8; i++) {
      long next = nOut.lastTimer(Timer.Kind.JOIN_RETRY).at();
      gaps.add((next - now) / config.joinRetry());
      now = next;
      newcomer.onTimer(now, Timer.JOIN_RETRY, nOut);
      asked++;
      if (now < minute) {
        askedInFirstMinute++;
      }
    }
    assertEquals(List.of(1L, 2L, 4L, 8L, 8L, 8L, 8L, 8L), gaps);
    assertEquals(9, asked);
    assertTrue(askedInFirstMinute <= 10, askedInFirstMinute + " join requests in the first minute");
  }

  @Test
  void theProofSlotIsFilledBySignerAndRelayedUntouched() {
    byte[] sig = {1, 2, 3};
    MembershipCore signed = new MembershipCore(id(40), addr(40), config, new SplittableRandom(3), c -> sig, 4);
    assertEquals(sig, signed.claimOf(id(40)).proof());
    Alive foreign = new Alive(id(12), 1, addr(12), 0, new byte[] {9, 9});
    gossip(S, 3, foreign);
    out.clear();
    core.onTimer(2 * S, Timer.GOSSIP, out);
    Claim relayed = out.claimsSent().stream().filter(c -> c.subject().equals(id(12))).findFirst().orElseThrow();
    assertEquals(foreign, relayed);
    assertEquals(foreign.proof(), relayed.proof());
  }

  @Test
  void probesEveryMemberOncePerRound() {
    List<MemberId> probed = new ArrayList<>();
    for (int round = 0; round < 9; round++) {
      out.clear();
      core.onTimer((round + 1) * S, Timer.PROBE, out);
      Ping p = out.sentOf(Ping.class).get(0);
      probed.add(p.target());
      core.onMessage((round + 1) * S + MS, p.target(), "x", new Ack(p.seq(), p.target(), List.of()), out);
    }
    assertEquals(9, probed.stream().distinct().count(), "randomized round-robin: " + probed);
    assertFalse(probed.contains(selfId));
    assertNotNull(core.claimOf(selfId));
  }
}
