package dev.hearsay.bench.micro;

import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.MembershipConfig;
import dev.hearsay.overlay.core.MembershipCore;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Protocol cores preloaded with a converged view of {@code n} members (claims unsigned: the core never reads proofs). */
final class Views {
  private Views() {}

  static MemberId member(int i) {
    return MemberId.parse("spiffe://bench.hearsay.test/tenant/t" + (i % 4) + "/node/n" + i);
  }

  static String address(int i) {
    return "10." + ((i >> 16) & 0xff) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff) + ":7000";
  }

  static List<Alive> alives(int n, long incarnation) {
    List<Alive> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(new Alive(member(i), incarnation, address(i), 0L, new byte[0]));
    }
    return list;
  }

  /** A core for member 0 knowing members 0..n-1. */
  static MembershipCore core(int n, List<Alive> view, long seed) {
    MembershipCore core = new MembershipCore(member(0), address(0), MembershipConfig.lan(), new SplittableRandom(seed),
        unsigned -> new byte[0], n);
    core.bootstrap(view);
    return core;
  }
}
