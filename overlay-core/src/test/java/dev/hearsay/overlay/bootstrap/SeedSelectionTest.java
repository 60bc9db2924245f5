package dev.hearsay.overlay.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.registry.api.SeedAddress;
import dev.hearsay.registry.client.Seed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Which listed seeds a node contacts: never itself, at most a few, each address once, in random order. */
class SeedSelectionTest {
  private static final NodeIdentity SELF = NodeIdentity.node("example.org", "blue", "self");
  private static final SeedAddress SELF_ADDRESS = SeedAddress.parse("10.0.0.1:7000");

  static Seed seed(String name, String address) {
    return new Seed(NodeIdentity.node("example.org", "blue", name), SeedAddress.parse(address), Instant.EPOCH);
  }

  @Test
  void leavesOutItsOwnEntriesByIdentityAndByAddress() {
    List<Seed> listed = List.of(
        new Seed(SELF, SeedAddress.parse("10.0.0.9:7000"), Instant.EPOCH), // its own name, at an old address
        seed("other", "10.0.0.1:7000"), // someone claiming its address
        seed("n2", "10.0.0.2:7000"));
    List<SeedAddress> picked = new SeedSelection(SELF, SELF_ADDRESS).pick(listed, id -> false, 3, new SplittableRandom(1));
    assertEquals(List.of(SeedAddress.parse("10.0.0.2:7000")), picked);
  }

  @Test
  void takesAtMostTheFanoutOfDistinctAddressesSkippingWhatItIsToldTo() {
    List<Seed> listed = new ArrayList<>();
    for (int i = 2; i < 12; i++) {
      listed.add(seed("n" + i, "10.0.0." + i + ":7000"));
    }
    listed.add(seed("twin", "10.0.0.2:7000"));
    NodeIdentity known = listed.get(0).identity();
    SeedSelection selection = new SeedSelection(SELF, SELF_ADDRESS);
    List<SeedAddress> all = selection.pick(listed, id -> false, 16, new SplittableRandom(1));
    assertEquals(10, all.size(), "each address once: " + all);
    List<SeedAddress> three = selection.pick(listed, id -> !id.equals(known) && !id.name().equals("twin"), 3, new SplittableRandom(2));
    assertEquals(List.of(SeedAddress.parse("10.0.0.2:7000")), three, "only what is not skipped");
    HashSet<SeedAddress> firstPicks = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      List<SeedAddress> p = selection.pick(listed, id -> false, 3, new SplittableRandom(i));
      assertEquals(3, p.size());
      firstPicks.add(p.get(0));
    }
    assertTrue(firstPicks.size() > 3, "random order spreads the joins: " + firstPicks);
  }

  @Test
  void aNodeWhoseAddressIsNoSeedAddressStillLeavesOutItsOwnName() {
    List<Seed> listed = List.of(new Seed(SELF, SELF_ADDRESS, Instant.EPOCH), seed("n2", "10.0.0.2:7000"));
    assertEquals(List.of(SeedAddress.parse("10.0.0.2:7000")),
        new SeedSelection(SELF, null).pick(listed, id -> false, 3, new SplittableRandom(1)));
  }

  @Test
  void delaysAreJitteredDownwardAndGrowToTheirBound() {
    Delays delays = new Delays(new SplittableRandom(7));
    Duration first = Duration.ofSeconds(1);
    Duration max = Duration.ofSeconds(30);
    for (int round = 1; round < 100; round++) {
      Duration nominal = first.multipliedBy(1L << Math.min(round - 1, 20));
      nominal = nominal.compareTo(max) > 0 ? max : nominal;
      Duration d = delays.growing(round, first, max);
      assertTrue(d.compareTo(nominal) <= 0 && d.compareTo(nominal.multipliedBy(3).dividedBy(4)) >= 0, round + ": " + d);
    }
    assertEquals(Duration.ofNanos(3), delays.jittered(Duration.ofNanos(3)));
  }
}
