package dev.hearsay.overlay.core;

import java.util.List;

/**
 * Anti-entropy, step 2: the receiver's entries in the digest buckets that differ ({@code bucketMask}, one bit
 * per bucket). Empty mask: the views already agree (no claims), or a later part of an answer that did not
 * fit one frame (claims only).
 */
public record PushPullAck(long bucketMask, List<Claim> claims) implements Message {
  public PushPullAck {
    claims = List.copyOf(claims);
  }

  @Override
  public int estimatedBytes() {
    return FRAME_BYTES + 8 + Message.claimsBytes(claims);
  }
}
