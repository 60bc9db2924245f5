package dev.hearsay.overlay.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A node probes the members it may accuse: a probe whose failure it could not report is wasted. */
class ProbeTargetsTest {
  private static final MembershipConfig CONFIG = MembershipConfig.lan();
  private static final MemberId SELF = MemberId.of("example.org", "blue", "self");

  private static MembershipCore coreKnowing(int others) {
    MembershipCore core = new MembershipCore(SELF, "self:7946", CONFIG, new SplittableRandom(7), ProofSource.NONE, 16);
    List<Alive> members = new java.util.ArrayList<>();
    for (int i = 0; i < others; i++) {
      MemberId m = MemberId.of("example.org", "blue", "m" + i);
      members.add(new Alive(m, 0, m.name() + ":7946", 0, new byte[0]));
    }
    core.bootstrap(members);
    return core;
  }

  private static Set<String> probed(MembershipCore core, int ticks) {
    Recorder out = new Recorder();
    core.start(0, List.of(), out);
    for (int t = 1; t <= ticks; t++) {
      core.onTimer(t * CONFIG.probeInterval(), Timer.PROBE, out);
    }
    return out.sentOf(Ping.class).stream().map(p -> p.target().name()).collect(Collectors.toSet());
  }

  @Test
  void onlyMembersItMayAccuseAreProbed() {
    MembershipCore core = coreKnowing(9);
    Set<String> watched = Set.of("m2", "m5");
    core.accusationPolicy((accuser, subject) -> watched.contains(subject.name()));
    assertEquals(watched, probed(core, 40));
  }

  @Test
  void whoeverMayAccuseEveryoneProbesEveryone() {
    assertEquals(9, probed(coreKnowing(9), 40).size());
  }

  @Test
  void aNodeThatMayAccuseNobodyStillProbesToMeasureItsOwnHealth() {
    MembershipCore core = coreKnowing(5);
    core.accusationPolicy((accuser, subject) -> false);
    assertTrue(probed(core, 20).size() >= 1);
  }
}
