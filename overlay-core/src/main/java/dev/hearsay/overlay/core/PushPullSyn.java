package dev.hearsay.overlay.core;

/** Anti-entropy, step 1: the initiator's view digest. {@code join} marks a first contact through a seed. */
public record PushPullSyn(ViewDigest digest, boolean join) implements Message {
  @Override
  public int estimatedBytes() {
    return FRAME_BYTES + 1 + digest.estimatedBytes();
  }
}
