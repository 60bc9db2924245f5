package dev.hearsay.registry.server;

import io.netty.handler.codec.http.HttpResponseStatus;

/** The error codes of the API and the status each is answered with. */
enum ApiError {
  BAD_REQUEST("bad_request", HttpResponseStatus.BAD_REQUEST),
  BAD_JSON("bad_json", HttpResponseStatus.BAD_REQUEST),
  UNKNOWN_FIELD("unknown_field", HttpResponseStatus.BAD_REQUEST),
  INVALID_REQUEST("invalid_request", HttpResponseStatus.BAD_REQUEST),
  FORBIDDEN("forbidden", HttpResponseStatus.FORBIDDEN),
  REVOKED("revoked", HttpResponseStatus.FORBIDDEN),
  NOT_FOUND("not_found", HttpResponseStatus.NOT_FOUND),
  METHOD_NOT_ALLOWED("method_not_allowed", HttpResponseStatus.METHOD_NOT_ALLOWED),
  BODY_TOO_LARGE("body_too_large", HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE),
  UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE),
  RATE_LIMITED("rate_limited", HttpResponseStatus.TOO_MANY_REQUESTS),
  BUSY("busy", HttpResponseStatus.SERVICE_UNAVAILABLE),
  LOG_FULL("log_full", HttpResponseStatus.INSUFFICIENT_STORAGE),
  STORE_FAILED("store_failed", HttpResponseStatus.INTERNAL_SERVER_ERROR),
  INTERNAL("internal", HttpResponseStatus.INTERNAL_SERVER_ERROR);

  final String code;
  final HttpResponseStatus status;

  ApiError(String code, HttpResponseStatus status) {
    this.code = code;
    this.status = status;
  }
}
