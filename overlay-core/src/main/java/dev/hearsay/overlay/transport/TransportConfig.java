package dev.hearsay.overlay.transport;

import java.time.Duration;

/**
 * Bounds of the transport. Every size and wait is finite: a frame is at most
 * {@code maxFrameBytes}, a peer identity holds at most {@code maxConnectionsPerPeer} connections,
 * a connection idle for {@code idleTimeout} is closed, and a connection whose unsent bytes exceed
 * {@code writeHighWaterMark} takes no more messages until it drains below the low mark.
 */
public record TransportConfig(
    int maxFrameBytes,
    int maxConnectionsPerPeer,
    Duration idleTimeout,
    Duration connectTimeout,
    Duration handshakeTimeout,
    int writeLowWaterMark,
    int writeHighWaterMark) {

  public static final int LENGTH_FIELD_BYTES = 4;

  public TransportConfig {
    if (maxFrameBytes < 64 || maxFrameBytes > 16 * 1024 * 1024) {
      throw new IllegalArgumentException("maxFrameBytes must be between 64 B and 16 MiB: " + maxFrameBytes);
    }
    if (maxConnectionsPerPeer < 1) {
      throw new IllegalArgumentException("maxConnectionsPerPeer must be at least 1");
    }
    if (writeLowWaterMark <= 0 || writeHighWaterMark < writeLowWaterMark) {
      throw new IllegalArgumentException("write water marks must satisfy 0 < low <= high");
    }
  }

  /** LAN-sized defaults: 64 KiB frames (a full push-pull page fits), 4 connections per identity. */
  public static TransportConfig defaults() {
    return new TransportConfig(
        64 * 1024, 4, Duration.ofSeconds(60), Duration.ofSeconds(3), Duration.ofSeconds(5), 64 * 1024, 512 * 1024);
  }
}
