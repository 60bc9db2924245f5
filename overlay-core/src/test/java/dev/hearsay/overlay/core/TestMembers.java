package dev.hearsay.overlay.core;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Members n0, n1, ... of tenant t, at 10.0.0.i, with unsigned claims: for tests of the core alone. */
final class TestMembers {
  static final byte[] NO_PROOF = new byte[0];

  private TestMembers() {}

  static MemberId id(int i) {
    return MemberId.of("test", "t", "n" + i);
  }

  static String addr(int i) {
    return "10.0.0." + i + ":7946";
  }

  static Alive alive(int i, long inc) {
    return new Alive(id(i), inc, addr(i), 0, NO_PROOF);
  }

  /**
   * Node n0 with n1 to n9 preloaded ALIVE at incarnation 1 (seeded randomness, LAN settings), started,
   * its start-up effects cleared from {@code out}.
   */
  static MembershipCore startedWithNinePeers(MembershipConfig config, Recorder out) {
    MembershipCore core = new MembershipCore(id(0), addr(0), config, new SplittableRandom(42), ProofSource.NONE, 16);
    core.bootstrap(ninePeers());
    core.start(0, List.of(), out);
    out.clear();
    return core;
  }

  /** n1 to n9, ALIVE at incarnation 1. */
  static List<Alive> ninePeers() {
    List<Alive> peers = new ArrayList<>();
    for (int i = 1; i <= 9; i++) {
      peers.add(alive(i, 1));
    }
    return peers;
  }
}
