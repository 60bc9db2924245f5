package dev.hearsay.overlay.transport;

import java.util.Locale;

/** Why the transport refused a connection or a frame; each is a metric tag and a log line. */
public enum RejectReason {
  /** The TLS handshake failed (untrusted, expired, revoked, no certificate, protocol error). */
  HANDSHAKE_FAILED,
  /** A re-check of the peer's certificate after the handshake failed (e.g. revoked meanwhile). */
  PEER_NOT_ADMITTED,
  /** An outbound connection reached a node other than the one it was opened for. */
  UNEXPECTED_PEER,
  /** A peer already holds as many connections as its identity is allowed. */
  TOO_MANY_CONNECTIONS,
  /** Bytes arrived before the peer was authenticated. */
  UNAUTHENTICATED_FRAME,
  /** A frame declared a length above the maximum. */
  FRAME_TOO_LARGE,
  /** A frame could not be decoded (bad length, truncated, unknown version or type, bad field). */
  MALFORMED_FRAME,
  /** A frame named a sender other than the identity authenticated by TLS. */
  SENDER_MISMATCH,
  /** A message was dropped because the peer's connection could not take more bytes. */
  OUTBOUND_BACKPRESSURE,
  /**
   * A connection was closed because a probe of its peer went unanswered and nothing arrived on it
   * meanwhile: after a network cut TCP keeps retrying a dead connection for minutes, so the next
   * message opens a fresh one instead.
   */
  SILENT_CONNECTION;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
