package dev.hearsay.overlay.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link MembershipCore#relevanceOf}: a claim it calls OUTDATED or NO_CHANGE changes nothing when
 * applied (the node drops such claims without verifying them), and the cases a flood leans on are
 * judged so.
 */
class RelevanceTest {
  private static final byte[] NO_PROOF = new byte[0];
  private static final long S = 1_000_000_000L;

  private static MemberId id(int i) {
    return MemberId.of("p", "t", "n" + i);
  }

  private static MembershipCore coreWithEightPeers(long seed) {
    MembershipCore core = new MembershipCore(id(0), "self", MembershipConfig.lan(), new SplittableRandom(seed), ProofSource.NONE, 8);
    List<Alive> initial = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      initial.add(new Alive(id(i), 0, "a" + i, 0, NO_PROOF));
    }
    core.bootstrap(initial);
    return core;
  }

  /**
   * Claims about subjects 0 (this node) to 3 and 9 (not a member at first, so a LEAVE can make it a
   * tombstone without an ALIVE), at incarnations 0..3, by accusers 4..8.
   */
  private static Claim randomClaim(Random r) {
    int pick = r.nextInt(10);
    MemberId subject = id(pick == 0 ? 0 : pick == 1 ? 9 : 1 + r.nextInt(3));
    long inc = r.nextInt(4);
    MemberId accuser = id(4 + r.nextInt(5));
    switch (r.nextInt(6)) {
      case 0:
      case 1:
        return new Alive(subject, inc, "addr-" + subject.name() + "-" + inc, 0, NO_PROOF);
      case 2:
      case 3:
        return new Suspect(subject, inc, accuser, NO_PROOF);
      case 4: {
        List<Claim> evidence = List.of(new Suspect(subject, inc, id(4 + r.nextInt(5)), NO_PROOF),
            new Suspect(subject, inc, id(4 + r.nextInt(5)), NO_PROOF));
        return new Dead(subject, inc, accuser, evidence, NO_PROOF);
      }
      default:
        return new Leave(subject, inc, NO_PROOF);
    }
  }

  /** What applying a claim could change that can be seen from outside the core. */
  private record Observed(List<Claim> claims, List<Alive> alives, ViewDigest digest, int pendingBroadcasts, int events, int timers, int sent) {
    static Observed of(MembershipCore core, Recorder out) {
      List<Claim> claims = new ArrayList<>();
      List<Alive> alives = new ArrayList<>();
      for (int i = 0; i <= 9; i++) {
        claims.add(core.claimOf(id(i)));
        alives.add(core.aliveOf(id(i)));
      }
      return new Observed(claims, alives, core.digest(), core.pendingBroadcasts(), out.events.size(), out.timers.size(), out.sent.size());
    }
  }

  @Test
  void aClaimJudgedRedundantChangesNothingWhenApplied() {
    Map<Relevance, Integer> seen = new EnumMap<>(Relevance.class);
    for (long seed = 1; seed <= 300; seed++) {
      Random r = new Random(seed);
      MembershipCore core = coreWithEightPeers(seed);
      Recorder out = new Recorder();
      long now = 0;
      for (int step = 0; step < 120; step++) {
        now += r.nextInt(3) * S;
        if (r.nextInt(8) == 0) {
          core.onTimer(now, new Timer(Timer.Kind.SUSPICION, 0, id(1 + r.nextInt(3))), out);
          continue;
        }
        Claim c = randomClaim(r);
        Relevance judged = core.relevanceOf(c);
        seen.merge(judged, 1, Integer::sum);
        if (c.subject().equals(id(0))) {
          assertEquals(Relevance.MAY_CHANGE, judged, "seed " + seed + ": a claim about this node is always news: " + c);
        }
        Observed before = Observed.of(core, out);
        core.onMessage(now, id(4 + r.nextInt(5)), "peer", new Gossip(List.of(c), false), out);
        if (judged != Relevance.MAY_CHANGE) {
          assertEquals(before, Observed.of(core, out), "seed " + seed + " step " + step + ": " + judged + " " + c + " changed the view");
        }
      }
    }
    // Each judgment came up often enough for the property to mean something.
    for (Relevance r : Relevance.values()) {
      assertTrue(seen.getOrDefault(r, 0) >= 1000, "judged " + r + " only " + seen.get(r) + " times: " + seen);
    }
  }

  @Test
  void anAccuserReSigningItsAccusationOfOneIncarnationChangesNothingButANewAccuserDoes() {
    MembershipCore core = coreWithEightPeers(1);
    Recorder out = new Recorder();
    Suspect first = new Suspect(id(1), 0, id(4), NO_PROOF);
    assertEquals(Relevance.MAY_CHANGE, core.relevanceOf(first));
    core.onMessage(0, id(4), "peer", new Gossip(List.of(first), false), out);
    assertEquals(Status.SUSPECT, core.statusOf(id(1)));
    assertEquals(Relevance.NO_CHANGE, core.relevanceOf(new Suspect(id(1), 0, id(4), new byte[] {1})), "same accuser, new signature");
    assertEquals(Relevance.MAY_CHANGE, core.relevanceOf(new Suspect(id(1), 0, id(5), NO_PROOF)), "a second accuser confirms");
    assertEquals(Relevance.NO_CHANGE, core.relevanceOf(new Suspect(id(1), 1, id(5), NO_PROOF)), "an incarnation never claimed");
    assertEquals(Relevance.MAY_CHANGE, core.relevanceOf(new Alive(id(1), 1, "a1", 0, NO_PROOF)), "the refutation");
  }

  @Test
  void afterARefutationTheOldIncarnationsClaimsAreOutdated() {
    MembershipCore core = coreWithEightPeers(1);
    Recorder out = new Recorder();
    core.onMessage(0, id(4), "peer", new Gossip(List.of(new Suspect(id(1), 0, id(4), NO_PROOF)), false), out);
    core.onMessage(S, id(1), "a1", new Gossip(List.of(new Alive(id(1), 1, "a1", 0, NO_PROOF)), false), out);
    assertEquals(Status.ALIVE, core.statusOf(id(1)));
    assertEquals(Relevance.OUTDATED, core.relevanceOf(new Suspect(id(1), 0, id(5), NO_PROOF)));
    assertEquals(Relevance.OUTDATED, core.relevanceOf(new Alive(id(1), 0, "a1", 0, NO_PROOF)));
    assertEquals(Relevance.NO_CHANGE, core.relevanceOf(new Alive(id(1), 1, "a1", 0, NO_PROOF)), "a copy of what is held");
    assertEquals(Relevance.MAY_CHANGE, core.relevanceOf(new Suspect(id(1), 1, id(5), NO_PROOF)));
    assertEquals(Relevance.MAY_CHANGE, core.relevanceOf(new Leave(id(1), 1, NO_PROOF)));
  }

  @Test
  void claimsAboutThisNodeOrAMemberNotHeldAreAlwaysNews() {
    MembershipCore core = coreWithEightPeers(1);
    assertEquals(Relevance.MAY_CHANGE, core.relevanceOf(new Suspect(id(0), 0, id(4), NO_PROOF)));
    assertEquals(Relevance.MAY_CHANGE, core.relevanceOf(new Alive(id(0), 0, "self", 0, NO_PROOF)));
    assertEquals(Relevance.MAY_CHANGE, core.relevanceOf(new Suspect(id(42), 0, id(4), NO_PROOF)));
    assertEquals(Relevance.MAY_CHANGE, core.relevanceOf(new Leave(id(42), 0, NO_PROOF)));
  }
}
