package dev.hearsay.overlay.core;

import java.util.List;

/** Answer to a ping (or relayed answer to a ping-req), with piggybacked claims. */
public record Ack(long seq, MemberId target, List<Claim> piggyback) implements Message {
  public Ack {
    piggyback = List.copyOf(piggyback);
  }

  @Override
  public int estimatedBytes() {
    return FRAME_BYTES + 8 + target.encodedSize() + Message.claimsBytes(piggyback);
  }
}
