package dev.hearsay.registry.server;

import dev.hearsay.registry.api.HeadJson;
import dev.hearsay.registry.api.StatusResponse;
import dev.hearsay.registry.store.RevocationStore;

/** {@code GET /v1/status}: what an operator checks first. */
final class StatusEndpoint {
  private final RevocationStore store;
  private final HeadSigner heads;
  private final SeedDirectory seeds;
  private final Rejections rejections;

  StatusEndpoint(RevocationStore store, HeadSigner heads, SeedDirectory seeds, Rejections rejections) {
    this.store = store;
    this.heads = heads;
    this.seeds = seeds;
    this.rejections = rejections;
  }

  void status(Exchange ex) {
    ex.ok(
        new StatusResponse(
            HeadJson.from(heads.current()), store.position().sequence(), seeds.size(),
            store.recovery().truncatedBytes(), rejections.snapshot()));
  }
}
