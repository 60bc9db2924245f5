package dev.hearsay.overlay.wire;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.transport.SenderNamed;
import java.util.Objects;

/** One frame: who says it (checked against the TLS identity) and the protocol message. */
public record Envelope(NodeIdentity sender, Message message) implements SenderNamed {
  public Envelope {
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(message, "message");
  }
}
