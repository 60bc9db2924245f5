package dev.hearsay.overlay.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue "seed registry": at 1,000 members with the registry reachable by one, every member holds a
 * new revocation within 5 s (p99) through gossip alone. Real signed heads and entries, the real
 * chain verification; the seed is printed (and {@code -Dhearsay.sim.seed=S} replays a run).
 */
class RevocationSpreadTest {
  private static final long SEED = Long.getLong("hearsay.sim.seed", System.nanoTime());

  @Test
  void aThousandMembersHoldARevocationWithinFiveSecondsAtP99WhenOneReachesTheRegistry() {
    // Two publishes keep the run near 5 s here: each member checks each new head's signature once, for real.
    RevocationSpreadResult r = RevocationSpread.run(RevocationSpreadConfig.of(1_000, SEED).withPublishes(2));
    System.out.println(RevocationSpreadResult.header());
    System.out.println(r);
    assertEquals(r.expected(), r.held(), () -> "every member must get every entry; seed " + SEED + ": " + r);
    assertNotNull(r.p99Ms());
    assertTrue(r.p99Ms() <= 5_000, () -> "p99 over 5 s; seed " + SEED + ": " + r);
    assertEquals(0, r.counts().offers("rejected"), () -> "honest gossip is never rejected; seed " + SEED + ": " + r);
  }

  /** The table in the README: {@code mvn -o -Psim-large -pl overlay-core test -Dtest=RevocationSpreadTest}. */
  @Test
  @Tag("sim-large")
  void table() {
    List<RevocationSpreadConfig> runs = new ArrayList<>();
    for (long seed = 1; seed <= 3; seed++) {
      RevocationSpreadConfig c = RevocationSpreadConfig.of(1_000, seed);
      runs.add(c.withReachable(1_000));
      runs.add(c);
      runs.add(c.withLoss(0.05));
      runs.add(c.withDelay(20_000_000L, 30_000_000L));
    }
    System.out.println(RevocationSpreadResult.header());
    for (RevocationSpreadConfig c : runs) {
      System.out.println(RevocationSpread.run(c));
    }
  }
}
