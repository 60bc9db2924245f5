package dev.hearsay.registry.server;

/** A request refused before any work: the error code and what to fix. */
final class BadRequest extends Exception {
  final ApiError error;

  BadRequest(ApiError error, String detail) {
    super(detail, null, false, false);
    this.error = error;
  }
}
