package dev.hearsay.overlay.core;

import dev.hearsay.registry.log.SignedHead;
import java.util.Objects;

/**
 * The seed registry's signed head as this node holds it, sent alongside every push-pull message so
 * a peer can tell whether either of them is behind. Only the registry's signature gives it weight;
 * the sender's identity gives it none.
 */
public record RegistryHead(SignedHead head) implements Message {
  public RegistryHead {
    Objects.requireNonNull(head, "head");
  }

  @Override
  public int estimatedBytes() {
    return FRAME_BYTES + RevocationEntries.headBytes(head);
  }
}
