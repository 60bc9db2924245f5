package dev.hearsay.overlay.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;

class PrecedenceTest {

  /** The rule written out independently of the implementation. */
  private static boolean expected(Precedence a, Precedence b) {
    if (b.status() == Status.REVOKED) {
      return false;
    }
    if (a.status() == Status.REVOKED) {
      return true;
    }
    if (a.incarnation() > b.incarnation()) {
      return true;
    }
    if (a.incarnation() < b.incarnation()) {
      return false;
    }
    int ra = switch (a.status()) {
      case ALIVE -> 0;
      case SUSPECT -> 1;
      case DEAD, LEFT -> 2;
      case REVOKED -> 3;
    };
    int rb = switch (b.status()) {
      case ALIVE -> 0;
      case SUSPECT -> 1;
      case DEAD, LEFT -> 2;
      case REVOKED -> 3;
    };
    return ra > rb;
  }

  @Test
  void everyPairOfStatusAndIncarnationFollowsTheRule() {
    int checked = 0;
    for (Status sa : Status.values()) {
      for (Status sb : Status.values()) {
        for (long ia = 0; ia <= 2; ia++) {
          for (long ib = 0; ib <= 2; ib++) {
            Precedence a = new Precedence(ia, sa);
            Precedence b = new Precedence(ib, sb);
            assertEquals(expected(a, b), a.supersedes(b), a + " vs " + b);
            checked++;
          }
        }
      }
    }
    assertEquals(5 * 5 * 3 * 3, checked);
  }

  @Test
  void spelledOutCases() {
    assertTrue(p(2, Status.ALIVE).supersedes(p(1, Status.DEAD)), "higher incarnation wins");
    assertFalse(p(1, Status.DEAD).supersedes(p(2, Status.ALIVE)));
    assertTrue(p(1, Status.DEAD).supersedes(p(1, Status.SUSPECT)), "DEAD > SUSPECT");
    assertTrue(p(1, Status.SUSPECT).supersedes(p(1, Status.ALIVE)), "SUSPECT > ALIVE");
    assertFalse(p(1, Status.ALIVE).supersedes(p(1, Status.ALIVE)), "equal does not supersede");
    assertFalse(p(1, Status.LEFT).supersedes(p(1, Status.DEAD)), "LEFT and DEAD rank equal");
    assertTrue(p(0, Status.REVOKED).supersedes(p(Long.MAX_VALUE, Status.ALIVE)), "REVOKED beats everything");
    assertFalse(p(Long.MAX_VALUE, Status.DEAD).supersedes(p(0, Status.REVOKED)), "nothing beats REVOKED");
    assertFalse(p(5, Status.REVOKED).supersedes(p(0, Status.REVOKED)), "REVOKED is final");
  }

  @Test
  void claimsDelegateToTheirPrecedence() {
    MemberId a = MemberId.of("d", "t", "a");
    MemberId b = MemberId.of("d", "t", "b");
    Alive alive = new Alive(a, 3, "x:1", 0, new byte[0]);
    Suspect suspect = new Suspect(a, 3, b, new byte[0]);
    assertTrue(suspect.supersedes(alive));
    assertFalse(alive.supersedes(suspect));
    assertTrue(new Alive(a, 4, "x:1", 0, new byte[0]).supersedes(suspect), "refutation");
    assertThrows(IllegalArgumentException.class, () -> new Precedence(-1, Status.ALIVE));
  }

  private static Precedence p(long inc, Status s) {
    return new Precedence(inc, s);
  }

  @Provide
  Arbitrary<Precedence> precedences() {
    return Combinators.combine(Arbitraries.longs().between(0, 5), Arbitraries.of(Status.class))
        .as(Precedence::new);
  }

  @Property
  void neverBothWays(@ForAll("precedences") Precedence a, @ForAll("precedences") Precedence b) {
    assertFalse(a.supersedes(b) && b.supersedes(a), a + " / " + b);
  }

  @Property
  void irreflexive(@ForAll("precedences") Precedence a) {
    assertFalse(a.supersedes(a));
  }

  @Property
  void transitive(@ForAll("precedences") Precedence a, @ForAll("precedences") Precedence b,
      @ForAll("precedences") Precedence c) {
    if (a.supersedes(b) && b.supersedes(c)) {
      assertTrue(a.supersedes(c), a + " > " + b + " > " + c);
    }
  }

  @Property
  void revokedIsAbsorbing(@ForAll("precedences") Precedence a, @ForAll long seq) {
    Precedence revoked = new Precedence(Math.abs(seq % 1000), Status.REVOKED);
    assertFalse(a.supersedes(revoked));
    assertEquals(a.status() != Status.REVOKED, revoked.supersedes(a));
  }
}
