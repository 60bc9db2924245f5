package dev.hearsay.registry.api;

/** Every error: {@code {"error":"<machine-readable code>", "detail":"<what to fix>"}}. */
public record ErrorResponse(String error, String detail) {}
