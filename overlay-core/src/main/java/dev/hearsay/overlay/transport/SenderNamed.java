package dev.hearsay.overlay.transport;

import dev.hearsay.crypto.NodeIdentity;

/** A decoded message that names its sender; the transport checks the name against TLS. */
public interface SenderNamed {
  NodeIdentity sender();
}
