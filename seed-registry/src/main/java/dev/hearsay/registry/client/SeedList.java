package dev.hearsay.registry.client;

import dev.hearsay.registry.api.SeedJson;
import dev.hearsay.registry.api.SeedsResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code GET /v1/seeds} answer read entry by entry: an entry that does not parse (an identity,
 * address or time a newer or broken registry wrote) is set aside, so it cannot take the well-formed
 * ones down with it.
 *
 * @param seeds the entries that parsed, in the registry's order
 * @param malformed how many entries did not
 * @param problems why, for the first {@link #MAX_DESCRIBED} of them
 */
public record SeedList(List<Seed> seeds, int malformed, List<String> problems) {
  public static final int MAX_DESCRIBED = 8;
  /** How much of a bad address a problem line repeats. */
  private static final int MAX_QUOTED = 64;

  public SeedList {
    seeds = List.copyOf(seeds);
    problems = List.copyOf(problems);
  }

  /** @throws IllegalArgumentException if the answer has no seed list at all */
  static SeedList of(SeedsResponse response) {
    if (response == null || response.seeds() == null) {
      throw new IllegalArgumentException("the answer lacks seeds");
    }
    List<Seed> seeds = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int malformed = 0;
    for (SeedJson s : response.seeds()) {
      try {
        if (s == null) {
          throw new IllegalArgumentException("null entry");
        }
        seeds.add(RegistryClient.toSeed(s));
      } catch (RuntimeException e) {
        malformed++;
        if (problems.size() < MAX_DESCRIBED) {
          problems.add(quote(s) + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()));
        }
      }
    }
    return new SeedList(seeds, malformed, problems);
  }

  private static String quote(SeedJson s) {
    String address = s == null ? "null" : String.valueOf(s.address());
    return "'" + (address.length() > MAX_QUOTED ? address.substring(0, MAX_QUOTED) + "..." : address) + "'";
  }
}
