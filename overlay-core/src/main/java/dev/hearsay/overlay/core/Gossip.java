package dev.hearsay.overlay.core;

import java.util.List;

/**
 * A gossip exchange. The initiator sends its freshest claims (possibly none) with {@code replyWanted}; the
 * receiver answers with its own freshest claims, so news travels both ways in every exchange.
 */
public record Gossip(List<Claim> claims, boolean replyWanted) implements Message {
  public Gossip {
    claims = List.copyOf(claims);
  }

  @Override
  public int estimatedBytes() {
    return FRAME_BYTES + 1 + Message.claimsBytes(claims);
  }
}
