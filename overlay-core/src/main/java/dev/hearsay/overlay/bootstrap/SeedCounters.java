package dev.hearsay.overlay.bootstrap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The node's counters for its use of the registry's seed list. */
final class SeedCounters {
  final Counter registered;
  final Counter registrationFailed;
  final Counter fetched;
  final Counter fetchFailed;
  final Counter malformed;
  final Counter joins;

  SeedCounters(MeterRegistry registry) {
    registered = outcome(registry, "hearsay.seeds.registrations", "Seed registrations and renewals at the registry", "ok");
    registrationFailed = outcome(registry, "hearsay.seeds.registrations", "Seed registrations and renewals at the registry", "failed");
    fetched = outcome(registry, "hearsay.seeds.fetches", "Reads of the registry's seed list", "ok");
    fetchFailed = outcome(registry, "hearsay.seeds.fetches", "Reads of the registry's seed list", "failed");
    malformed = Counter.builder("hearsay.seeds.malformed")
        .description("Seed list entries from the registry that did not parse and were skipped")
        .register(registry);
    joins = Counter.builder("hearsay.seeds.joins")
        .description("Joins sent to addresses from the registry's seed list")
        .register(registry);
  }

  private static Counter outcome(MeterRegistry registry, String name, String description, String outcome) {
    return Counter.builder(name).description(description).tag("outcome", outcome).register(registry);
  }
}
