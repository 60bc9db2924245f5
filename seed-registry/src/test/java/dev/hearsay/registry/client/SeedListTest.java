package dev.hearsay.registry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.registry.api.SeedJson;
import dev.hearsay.registry.api.SeedsResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A seed list is read entry by entry: a bad entry is set aside with its reason, the good ones stay. */
class SeedListTest {
  private static final String N1 = "spiffe://example.org/tenant/blue/node/n1";
  private static final String EXPIRES = "2030-01-01T00:00:00Z";

  @Test
  void malformedEntriesAreSetAsideAndTheRestKept() {
    SeedList list = SeedList.of(new SeedsResponse(Arrays.asList(
        new SeedJson(N1, "10.0.0.1:7946", EXPIRES),
        new SeedJson(N1, "no-port", EXPIRES),
        new SeedJson("spiffe://Example.org/not a node", "10.0.0.2:7946", EXPIRES),
        new SeedJson(N1, "10.0.0.3:7946", "yesterday"),
        new SeedJson(N1, "10.0.0.4:7946", null),
        null,
        new SeedJson(N1, "[fd00::5]:7946", EXPIRES))));
    assertEquals(List.of("10.0.0.1:7946", "[fd00::5]:7946"), list.seeds().stream().map(s -> s.address().toString()).toList());
    assertEquals(5, list.malformed(), list.problems().toString());
    assertEquals(5, list.problems().size(), list.problems().toString());
    assertTrue(list.problems().get(0).startsWith("'no-port': "), list.problems().toString());
  }

  @Test
  void manyMalformedEntriesAreDescribedUpToABound() {
    List<SeedJson> bad = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      bad.add(new SeedJson(N1, "bad" + i, EXPIRES));
    }
    SeedList list = SeedList.of(new SeedsResponse(bad));
    assertTrue(list.seeds().isEmpty());
    assertEquals(50, list.malformed());
    assertEquals(SeedList.MAX_DESCRIBED, list.problems().size());
  }

  @Test
  void anAnswerWithoutAListIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> SeedList.of(new SeedsResponse(null)));
  }
}
