package dev.hearsay.overlay.core;

import java.util.List;

/**
 * Anti-entropy, step 1: the initiator's view digest. {@code join} marks a first contact through a seed;
 * a join also carries the joiner's own ALIVE in {@code claims}, so the seed lists it on this first
 * frame and starts spreading it, instead of after the joiner has taken in the seed's whole answer.
 * A receiver takes only the initiator's claims about itself from a SYN.
 */
public record PushPullSyn(ViewDigest digest, boolean join, List<Claim> claims) implements Message {
  public PushPullSyn {
    java.util.Objects.requireNonNull(digest, "digest");
    claims = List.copyOf(claims);
  }

  /** A SYN that announces nothing: the periodic push-pull. */
  public PushPullSyn(ViewDigest digest, boolean join) {
    this(digest, join, List.of());
  }

  @Override
  public int estimatedBytes() {
    return FRAME_BYTES + 1 + digest.estimatedBytes() + Message.claimsBytes(claims);
  }
}
