package dev.hearsay.overlay.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation in the pure core: tenants {@code a} and {@code b} are isolated, {@code s} is shared,
 * and one seed sees every class. Nothing about an isolated tenant's members reaches a node of another
 * tenant: not in gossip, not in push-pull answers, not in pull answers, not even in a digest bucket.
 */
class TenantIsolationCoreTest {

  private static final MembershipConfig CONFIG = MembershipConfig.lan();
  private static final MemberId A1 = MemberId.of("example.org", "a", "a1");
  private static final MemberId A2 = MemberId.of("example.org", "a", "a2");
  private static final MemberId A3 = MemberId.of("example.org", "a", "a3");
  private static final MemberId B1 = MemberId.of("example.org", "b", "b1");
  private static final MemberId B2 = MemberId.of("example.org", "b", "b2");
  private static final MemberId S1 = MemberId.of("example.org", "s", "s1");
  private static final MemberId S2 = MemberId.of("example.org", "s", "s2");
  private static final MemberId SEED = MemberId.of("example.org", "infra", "seed");
  private static final MemberVisibility VISIBILITY =
      MemberVisibility.isolating(tenant -> !tenant.equals("s"), member -> member.equals(SEED));

  private static MembershipCore core(MemberId id) {
    MembershipCore c = new MembershipCore(id, address(id), CONFIG, new SplittableRandom(id.hashCode()), ProofSource.NONE, 16);
    c.memberVisibility(VISIBILITY);
    return c;
  }

  private static String address(MemberId id) {
    return id.name() + ":7946";
  }

  private static Alive alive(MemberId id) {
    return new Alive(id, 0, address(id), 0, new byte[0]);
  }

  /** {@code node} hears {@code subjects}' ALIVEs from {@code from}. */
  private static void tell(MembershipCore node, MemberId from, MemberId... subjects) {
    List<Claim> claims = java.util.Arrays.stream(subjects).map(s -> (Claim) alive(s)).toList();
    node.onMessage(0, from, address(from), new Gossip(claims, false), new Recorder());
  }

  private static Set<String> tenantsOf(List<Claim> claims) {
    return claims.stream().map(c -> c.subject().tenant()).collect(Collectors.toSet());
  }

  @Test
  void visibilityRules() {
    assertTrue(VISIBILITY.mayView(A1, A2));
    assertTrue(VISIBILITY.mayView(A1, S1));
    assertTrue(VISIBILITY.mayView(B1, S1));
    assertTrue(VISIBILITY.mayView(SEED, B1));
    assertFalse(VISIBILITY.mayView(A1, B1));
    assertFalse(VISIBILITY.mayView(S1, A1));
    assertFalse(VISIBILITY.mayView(A1, SEED), "a seed of an isolated tenant is not shown to others");
    assertTrue(MemberVisibility.ALL.mayView(A1, B1));
  }

  @Test
  void aNodeHoldsNoClaimAboutAMemberItMayNotSee() {
    MembershipCore a1 = core(A1);
    tell(a1, S1, S1, B1, A2);
    assertEquals(Status.ALIVE, a1.statusOf(S1));
    assertEquals(Status.ALIVE, a1.statusOf(A2));
    assertNull(a1.statusOf(B1));
    assertEquals(3, a1.memberCount());
  }

  @Test
  void aPushPullAnswerCarriesOnlyWhatTheAskerMaySee() {
    MembershipCore seed = core(SEED);
    tell(seed, S1, A1, A2, B1, S1);

    Recorder toB = new Recorder();
    seed.onMessage(0, B1, address(B1), new PushPullSyn(core(B1).digestFor(SEED), false), toB);
    List<PushPullAck> acks = toB.sentOf(PushPullAck.class);
    assertEquals(1, acks.size());
    // b1's own entry is in both views already, so only s1 differs; a and infra must not appear at all.
    assertEquals(Set.of("s"), tenantsOf(acks.get(0).claims()), "b1 gets what it misses and may see, nothing of a or infra");

    Recorder toA3 = new Recorder();
    MembershipCore a3 = core(A3);
    seed.onMessage(0, A3, address(A3), new PushPullSyn(a3.digestFor(null), true), toA3);
    assertEquals(Set.of("a", "s"), tenantsOf(toA3.sentOf(PushPullAck.class).get(0).claims()),
        "a joiner of an isolated tenant learns its tenant through a seed that sees every class");
  }

  @Test
  void gossipToAPeerNeverCarriesMembersItMayNotSee() {
    MembershipCore seed = core(SEED);
    Recorder out = new Recorder();
    seed.onMessage(0, A1, address(A1), new Gossip(List.of(alive(A1), alive(A2), alive(B1), alive(B2), alive(S1)), false), out);
    for (long t = 1; t <= 200; t++) {
      seed.onTimer(t * CONFIG.gossipInterval(), Timer.GOSSIP, out);
    }
    int toB = 0;
    int toA = 0;
    for (Recorder.Sent s : out.sent) {
      if (!(s.message() instanceof Gossip g) || g.claims().isEmpty()) {
        continue;
      }
      if (s.address().startsWith("b")) {
        toB++;
        assertFalse(tenantsOf(g.claims()).contains("a"), "claims about tenant a sent to a node of b: " + g.claims());
        assertFalse(tenantsOf(g.claims()).contains("infra"));
      } else if (s.address().startsWith("a")) {
        toA++;
        assertFalse(tenantsOf(g.claims()).contains("b"), "claims about tenant b sent to a node of a: " + g.claims());
      }
    }
    assertTrue(toA > 0 && toB > 0, "the seed gossiped to both tenants (" + toA + ", " + toB + ")");
  }

  @Test
  void aDigestForAPeerMovesOnlyWithWhatThePeerMaySee() {
    MembershipCore seed = core(SEED);
    tell(seed, S1, A1, B1, S1);
    ViewDigest forB = seed.digestFor(B1);
    tell(seed, A1, A2);
    assertEquals(forB, seed.digestFor(B1), "a change in tenant a shows in the digest b1 gets");
    assertNotEquals(seed.digestFor(A1), seed.digest());
    tell(seed, S1, S2);
    assertNotEquals(forB, seed.digestFor(B1));
    ViewDigest afterS2 = seed.digestFor(B1);
    tell(seed, B1, B2);
    assertNotEquals(afterS2, seed.digestFor(B1));
  }

  @Test
  void twoNodesOfOneIsolatedTenantAgreeOnWhatTheyShareAndSyncNothingMore() {
    MembershipCore a1 = core(A1);
    MembershipCore a2 = core(A2);
    tell(a1, S1, S1, A2);
    tell(a2, S1, S1, A1);
    assertEquals(a1.digestFor(A2), a2.digestFor(A1));
    Recorder out = new Recorder();
    a2.onMessage(0, A1, address(A1), new PushPullSyn(a1.digestFor(A2), false), out);
    assertEquals(0, out.sentOf(PushPullAck.class).get(0).bucketMask(), "equal views answer with an empty mask");
  }

  @Test
  void aPullForAMemberTheAskerMayNotSeeGetsNoAnswer() {
    MembershipCore seed = core(SEED);
    tell(seed, A1, A1, S1);
    Recorder out = new Recorder();
    seed.onMessage(0, B1, address(B1), new MemberPull(A1), out);
    assertTrue(out.sentOf(MemberPush.class).isEmpty());
    seed.onMessage(0, B1, address(B1), new MemberPull(S1), out);
    assertEquals(1, out.sentOf(MemberPush.class).size());
  }

  @Test
  void withEveryMemberVisibleTheDigestForAPeerIsTheWholeView() {
    MembershipCore plain = new MembershipCore(A1, address(A1), CONFIG, new SplittableRandom(1), ProofSource.NONE, 8);
    tell(plain, B1, B1, S1);
    assertEquals(plain.digest(), plain.digestFor(B1));
    assertEquals(plain.digest(), plain.digestFor(null));
  }
}
