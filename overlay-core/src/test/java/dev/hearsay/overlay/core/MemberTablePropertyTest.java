package dev.hearsay.overlay.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The compact view table against a HashMap model, and its digest against its contents. */
class MemberTablePropertyTest {

  private static MemberId id(int i) {
    return MemberId.of("d", "t", "n" + i);
  }

  private static Alive alive(int i, long inc) {
    return new Alive(id(i), inc, "a" + i, 0, new byte[0]);
  }

  @Property(tries = 200)
  void behavesLikeAMap(@ForAll long seed, @ForAll @IntRange(min = 1, max = 400) int ops) {
    Random r = new Random(seed);
    MemberTable table = new MemberTable(4);
    Map<MemberId, Claim> model = new HashMap<>();
    for (int k = 0; k < ops; k++) {
      int i = r.nextInt(64);
      if (r.nextInt(4) == 0) {
        table.remove(id(i));
        model.remove(id(i));
      } else {
        Alive a = alive(i, r.nextInt(3));
        table.put(id(i), a, a);
        model.put(id(i), a);
      }
    }
    assertEquals(model.size(), table.size(), "seed " + seed);
    for (int i = 0; i < 64; i++) {
      assertSame(model.get(id(i)), table.top(id(i)), "seed " + seed + " member " + i);
    }
    MemberTable fresh = new MemberTable(1);
    for (Map.Entry<MemberId, Claim> e : model.entrySet()) {
      fresh.put(e.getKey(), (Alive) e.getValue(), e.getValue());
    }
    assertEquals(fresh.digest(), table.digest(), "digest depends on contents only; seed " + seed);
  }

  @Property(tries = 100)
  void digestIgnoresInsertionOrder(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int n) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    MemberTable a = new MemberTable(n);
    for (int i : order) {
      a.put(id(i), alive(i, i % 3), alive(i, i % 3));
    }
    Collections.shuffle(order, new Random(seed));
    MemberTable b = new MemberTable(1);
    for (int i : order) {
      b.put(id(i), alive(i, i % 3), alive(i, i % 3));
    }
    assertEquals(a.digest(), b.digest(), "seed " + seed);
    assertEquals(a.digestRoot(), b.digest().root());
  }

  @Property(tries = 100)
  void oneChangedEntryChangesExactlyItsBucket(@ForAll @IntRange(min = 1, max = 500) int n,
      @ForAll @IntRange(min = 0, max = 499) int changed) {
    int victim = changed % n;
    MemberTable a = new MemberTable(n);
    MemberTable b = new MemberTable(n);
    for (int i = 0; i < n; i++) {
      a.put(id(i), alive(i, 1), alive(i, 1));
      b.put(id(i), alive(i, 1), alive(i, 1));
    }
    b.put(id(victim), alive(victim, 1), new Suspect(id(victim), 1, id(n + 1), new byte[0]));
    ViewDigest da = a.digest();
    ViewDigest db = b.digest();
    assertNotEquals(da.root(), db.root());
    assertEquals(1L << ViewDigest.bucketOf(id(victim)), da.differingBuckets(db));
  }
}
