package dev.hearsay.overlay.core;

import java.util.List;

/** Anti-entropy, step 3: the initiator's entries that the receiver's ACK showed missing or older. */
public record PushPullAck2(List<Claim> claims) implements Message {
  public PushPullAck2 {
    claims = List.copyOf(claims);
  }

  @Override
  public int estimatedBytes() {
    return FRAME_BYTES + Message.claimsBytes(claims);
  }
}
