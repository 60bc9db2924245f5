package dev.hearsay.overlay.core;

/**
 * Anything a member signs for gossip to carry: the membership {@link Claim}s and the member's {@link Meta}.
 * The core never reads {@link #proof()}; the layer around it checks the signature and the signer's
 * authority before the core sees one.
 */
public sealed interface Signed permits Claim, Meta {

  /** The member the statement is about. */
  MemberId subject();

  /** The signer's signature (and anything else the outer layer needs); opaque to the core, may be empty. */
  byte[] proof();

  /** Estimated encoded size in bytes, signature included; used for the per-message byte budget. */
  int estimatedBytes();
}
