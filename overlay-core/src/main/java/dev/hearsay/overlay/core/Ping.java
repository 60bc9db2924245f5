package dev.hearsay.overlay.core;

import java.util.List;

/** Direct probe. Names its target so a member reached at a stale address does not answer for another. */
public record Ping(long seq, MemberId target, List<Claim> piggyback) implements Message {
  public Ping {
    piggyback = List.copyOf(piggyback);
  }

  @Override
  public int estimatedBytes() {
    return FRAME_BYTES + 8 + target.encodedSize() + Message.claimsBytes(piggyback);
  }
}
