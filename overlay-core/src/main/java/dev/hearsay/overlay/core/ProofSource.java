package dev.hearsay.overlay.core;

/**
 * Signs what this node states (its own ALIVE, LEAVE and metadata, its accusations, its DEAD declarations). The
 * core passes the claim with an empty proof and stores the returned bytes in the proof slot untouched.
 */
@FunctionalInterface
public interface ProofSource {

  /** No signature (tests and the simulator, which estimate signature bytes instead). */
  ProofSource NONE = claim -> new byte[0];

  byte[] proofFor(Signed unsigned);
}
