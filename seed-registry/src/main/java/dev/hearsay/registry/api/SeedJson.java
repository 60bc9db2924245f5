package dev.hearsay.registry.api;

/** One bootstrap address: {@code {"identity":"spiffe://...", "address":"host:port", "expires":"<ISO-8601>"}}. */
public record SeedJson(String identity, String address, String expires) {}
