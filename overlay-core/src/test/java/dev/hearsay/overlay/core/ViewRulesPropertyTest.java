package dev.hearsay.overlay.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Random streams of verified claims, in any order and with duplicates, never move a view backwards. */
class ViewRulesPropertyTest {

  private static final byte[] NO_PROOF = new byte[0];

  private static MemberId id(int i) {
    return MemberId.of("p", "t", "n" + i);
  }

  private static Claim randomClaim(Random r) {
    int subject = 1 + r.nextInt(4);
    long inc = r.nextInt(4);
    int accuser = 5 + r.nextInt(4);
    switch (r.nextInt(5)) {
      case 0:
        return new Alive(id(subject), inc, "a" + subject, 0, NO_PROOF);
      case 1:
      case 2:
        return new Suspect(id(subject), inc, id(accuser), NO_PROOF);
      case 3: {
        List<Claim> evidence = new ArrayList<>();
        int n = 1 + r.nextInt(3);
        for (int k = 0; k < n; k++) {
          evidence.add(new Suspect(id(subject), inc, id(5 + r.nextInt(4)), NO_PROOF));
        }
        return new Dead(id(subject), inc, id(accuser), evidence, NO_PROOF);
      }
      default:
        return new Leave(id(subject), inc, NO_PROOF);
    }
  }

  @Property(tries = 300)
  void everyChangeSupersedesAndEveryDeathHasQuorum(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 200) int steps) {
    Random r = new Random(seed);
    MembershipConfig config = MembershipConfig.lan();
    MembershipCore core = new MembershipCore(id(0), "self", config, new SplittableRandom(seed), ProofSource.NONE, 8);
    List<Alive> initial = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      initial.add(new Alive(id(i), 0, "a" + i, 0, NO_PROOF));
    }
    core.bootstrap(initial);
    Recorder out = new Recorder();
    long now = 0;
    for (int step = 0; step < steps; step++) {
      now += r.nextInt(3) * 1_000_000_000L;
      if (r.nextInt(10) == 0) {
        core.onTimer(now, new Timer(Timer.Kind.SUSPICION, 0, id(1 + r.nextInt(4))), out);
      } else {
        core.onMessage(now, id(5 + r.nextInt(4)), "peer", new Gossip(List.of(randomClaim(r)), false), out);
      }
    }
    for (MembershipEvent e : out.events) {
      if (e.previous() != null && e.current() != null) {
        assertTrue(e.current().supersedes(e.previous()), "seed " + seed + ": " + e);
      }
      if (e.current() instanceof Dead d) {
        assertTrue(d.hasEvidence(config.quorum()), "seed " + seed + ": DEAD without quorum " + e);
      }
      assertFalse(e.subject().equals(id(0)), "seed " + seed + ": the node reported a change about itself");
    }
  }

  @Property(tries = 100)
  void applyingTheSameClaimsInAnyOrderEndsInTheSameStatuses(@ForAll long seed) {
    Random r = new Random(seed);
    List<Claim> claims = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Claim c = randomClaim(r);
      if (!(c instanceof Suspect)) { // suspicions depend on time; settled claims must commute
        claims.add(c);
      }
    }
    MembershipCore a = settle(claims, seed);
    List<Claim> shuffled = new ArrayList<>(claims);
    java.util.Collections.shuffle(shuffled, new Random(seed + 1));
    MembershipCore b = settle(shuffled, seed);
    for (int i = 1; i <= 4; i++) {
      // DEAD and LEFT rank equal (the first one seen stays), so compare incarnation and rank.
      Claim x = a.claimOf(id(i));
      Claim y = b.claimOf(id(i));
      assertEquals(x.incarnation(), y.incarnation(), "seed " + seed + " subject " + i);
      assertEquals(x.status().rank(), y.status().rank(), "seed " + seed + " subject " + i);
    }
  }

  private static MembershipCore settle(List<Claim> claims, long seed) {
    MembershipCore core = new MembershipCore(id(0), "self", MembershipConfig.lan(), new SplittableRandom(seed),
        ProofSource.NONE, 8);
    List<Alive> initial = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      initial.add(new Alive(id(i), 3, "a" + i, 0, NO_PROOF));
    }
    core.bootstrap(initial);
    Recorder out = new Recorder();
    for (Claim c : claims) {
      core.onMessage(0, id(5), "peer", new Gossip(List.of(c), false), out);
    }
    return core;
  }
}
