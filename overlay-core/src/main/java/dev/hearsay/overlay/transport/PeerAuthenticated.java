package dev.hearsay.overlay.transport;

import dev.hearsay.crypto.NodeIdentity;

/** Fired down the pipeline once the peer's identity is bound to the channel. */
public record PeerAuthenticated(NodeIdentity peer) {}
