package dev.hearsay.overlay.core;

/**
 * Signs the claims this node makes (its own ALIVE and LEAVE, its accusations, its DEAD declarations). The
 * core passes the claim with an empty proof and stores the returned bytes in the proof slot untouched.
 */
@FunctionalInterface
public interface ProofSource {

  /** No signature (tests and the simulator, which estimate signature bytes instead). */
  ProofSource NONE = claim -> new byte[0];

  byte[] proofFor(Claim unsigned);
}
