package dev.hearsay.crypto;

/** Told of every trust decision, e.g. to count rejections by reason and log them. */
public interface PeerCheckListener {
  PeerCheckListener NONE = new PeerCheckListener() {};

  default void admitted(NodeIdentity identity) {}

  default void rejected(PeerRejectedException rejection) {}
}
