package dev.hearsay.overlay.core;

/**
 * A helper could not reach the target of a ping-req in time. Receiving it tells the requester that its own
 * links work; missing it raises the requester's local-health score (Lifeguard).
 */
public record Nack(long seq) implements Message {
  @Override
  public int estimatedBytes() {
    return FRAME_BYTES + 8;
  }
}
