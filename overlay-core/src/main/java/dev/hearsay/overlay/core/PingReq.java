package dev.hearsay.overlay.core;

import java.util.List;

/** "Probe {@code target} for me": the indirect probe through a helper. */
public record PingReq(long seq, MemberId target, String targetAddress, List<Claim> piggyback)
    implements Message {
  public PingReq {
    piggyback = List.copyOf(piggyback);
  }

  @Override
  public int estimatedBytes() {
    return FRAME_BYTES + 8 + target.encodedSize() + 2 + targetAddress.length()
        + Message.claimsBytes(piggyback);
  }
}
