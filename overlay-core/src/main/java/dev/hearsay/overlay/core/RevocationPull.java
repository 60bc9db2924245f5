package dev.hearsay.overlay.core;

/**
 * "Send me the registry entries you verified after {@code since}, at most {@code max}": asked of a
 * peer whose signed head is ahead of this node's. Answered by {@link RevocationEntries}.
 */
public record RevocationPull(long since, int max) implements Message {
  public RevocationPull {
    if (since < 0 || max < 1) {
      throw new IllegalArgumentException("a pull asks for at least one entry after a non-negative sequence");
    }
  }

  @Override
  public int estimatedBytes() {
    return FRAME_BYTES + 8 + 2;
  }
}
