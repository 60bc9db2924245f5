package dev.hearsay.overlay.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Gossip targets, indirect-probe helpers and push-pull partners are drawn from the members that can
 * still answer, however many DEAD and LEFT entries wait out their tombstone time next to them. After
 * churn (rolling restarts, a burst of short-lived nodes) most of a view can be tombstones; drawing a
 * few random entries and skipping the gone ones then reached fewer and fewer live peers.
 */
class PeerSelectionTest {
  private static final MembershipConfig CONFIG = MembershipConfig.lan();
  private static final long S = 1_000_000_000L;
  private static final MemberId SELF = MemberId.of("example.org", "blue", "self");
  private static final byte[] NO_PROOF = new byte[0];

  private static MemberId member(String name) {
    return MemberId.of("example.org", "blue", name);
  }

  private static Alive alive(MemberId m) {
    return new Alive(m, 0, m.name() + ":7946", 0, NO_PROOF);
  }

  /** A started core that holds {@code live} ALIVE members and {@code left} members that left gracefully. */
  private static MembershipCore coreWith(int live, int left, long seed) {
    MembershipCore core = new MembershipCore(SELF, "self:7946", CONFIG, new SplittableRandom(seed), ProofSource.NONE, 16);
    List<Alive> members = new ArrayList<>();
    for (int i = 0; i < live; i++) {
      members.add(alive(member("live" + i)));
    }
    for (int i = 0; i < left; i++) {
      members.add(alive(member("gone" + i)));
    }
    core.bootstrap(members);
    Recorder out = new Recorder();
    core.start(0, List.of(), out);
    for (int i = 0; i < left; i++) {
      core.onMessage(S, member("live0"), "live0:7946", new Gossip(List.of(new Leave(member("gone" + i), 0, NO_PROOF)), false), out);
    }
    for (int i = 0; i < left; i++) {
      assertEquals(Status.LEFT, core.statusOf(member("gone" + i)));
    }
    return core;
  }

  private static Set<String> gossipTargets(Recorder out) {
    Set<String> to = new TreeSet<>();
    for (Recorder.Sent s : out.sent) {
      if (s.message() instanceof Gossip g && g.replyWanted()) {
        to.add(s.address());
      }
    }
    return to;
  }

  @Test
  void everyGossipTickReachesAFanoutOfLivePeersAmongManyTombstones() {
    long seed = 11;
    MembershipCore core = coreWith(3, 400, seed);
    for (int tick = 0; tick < 20; tick++) {
      Recorder out = new Recorder();
      core.onTimer(2 * S + tick * CONFIG.gossipInterval(), Timer.GOSSIP, out);
      assertEquals(Set.of("live0:7946", "live1:7946", "live2:7946"), gossipTargets(out),
          "tick " + tick + " (seed " + seed + ") gossiped to " + gossipTargets(out));
    }
  }

  @Test
  void withoutTombstonesTheFanoutIsStillDistinctLivePeers() {
    long seed = 12;
    MembershipCore core = coreWith(10, 0, seed);
    Set<String> reached = new TreeSet<>();
    for (int tick = 0; tick < 30; tick++) {
      Recorder out = new Recorder();
      core.onTimer(2 * S + tick * CONFIG.gossipInterval(), Timer.GOSSIP, out);
      Set<String> targets = gossipTargets(out);
      assertEquals(CONFIG.fanout(), targets.size(), "tick " + tick + " (seed " + seed + "): " + targets);
      assertTrue(targets.stream().allMatch(a -> a.startsWith("live")), targets.toString());
      reached.addAll(targets);
    }
    assertEquals(10, reached.size(), "over 30 ticks every live peer is chosen at least once (seed " + seed + ")");
  }

  @Test
  void anUnansweredProbeAsksAsManyDistinctHelpersAsConfiguredAmongManyTombstones() {
    long seed = 13;
    MembershipCore core = coreWith(1 + CONFIG.indirectChecks(), 400, seed);
    Recorder out = new Recorder();
    Ping probe = null;
    for (int tick = 1; probe == null && tick < 50; tick++) {
      core.onTimer(2 * S + tick * CONFIG.probeInterval(), Timer.PROBE, out);
      probe = out.sentOf(Ping.class).stream().findFirst().orElse(null);
    }
    assertTrue(probe != null, "no probe sent (seed " + seed + ")");
    Recorder.Scheduled timeout = out.lastTimer(Timer.Kind.PROBE_TIMEOUT);
    out.sent.clear();
    core.onTimer(timeout.at(), timeout.timer(), out);
    Set<String> helpers = new TreeSet<>();
    for (Recorder.Sent s : out.sent) {
      if (s.message() instanceof PingReq) {
        helpers.add(s.address());
      }
    }
    assertEquals(CONFIG.indirectChecks(), helpers.size(), "helpers " + helpers + " for " + probe.target() + " (seed " + seed + ")");
    String targetAddress = probe.target().name() + ":7946";
    assertTrue(helpers.stream().allMatch(a -> a.startsWith("live") && !a.equals(targetAddress)), helpers.toString());
  }

  @Test
  void aDrawAmongFewWantedEntriesIsUniformAndNeverEmptyHanded() {
    MemberTable table = new MemberTable(16);
    for (int i = 0; i < 2000; i++) {
      Alive a = alive(member("m" + i));
      table.put(a.subject(), a, a);
    }
    Set<String> wanted = Set.of("m7", "m700", "m1999");
    SplittableRandom rng = new SplittableRandom(14);
    java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
    int draws = 6000;
    for (int d = 0; d < draws; d++) {
      int slot = table.randomSlot(rng, s -> wanted.contains(table.keyAt(s).name()));
      assertTrue(slot >= 0, "draw " + d + " came back empty-handed");
      counts.merge(table.keyAt(slot).name(), 1, Integer::sum);
    }
    assertEquals(wanted, counts.keySet());
    for (int c : counts.values()) {
      assertTrue(Math.abs(c - draws / 3) < draws / 30, "not uniform: " + counts);
    }
    assertEquals(-1, table.randomSlot(rng, s -> false), "nothing wanted, nothing drawn");
  }
}
