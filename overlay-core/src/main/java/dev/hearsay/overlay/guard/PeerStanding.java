package dev.hearsay.overlay.guard;

import dev.hearsay.crypto.NodeIdentity;

/** A peer and its current score, as reported for metrics and the admin endpoint. */
public record PeerStanding(NodeIdentity peer, double score) {}
