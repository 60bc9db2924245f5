package dev.hearsay.registry.api;

import java.util.List;

/** {@code GET /v1/seeds}: {@code {"seeds":[...]}}. */
public record SeedsResponse(List<SeedJson> seeds) {}
