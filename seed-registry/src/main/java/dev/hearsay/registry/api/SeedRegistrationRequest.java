package dev.hearsay.registry.api;

/** {@code POST /v1/seeds}: {@code {"address":"host:port"}}, the gossip address of the calling node. */
public record SeedRegistrationRequest(String address) {}
