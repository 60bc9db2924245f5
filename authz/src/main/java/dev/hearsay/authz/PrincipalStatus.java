package dev.hearsay.authz;

/**
 * What the caller knows about a principal's certificate when it asks for a decision. Authz does no
 * cryptography and reads no clock: the caller (the peer guard, the claim verifier) has already
 * checked the chain, the validity window and the revocation set, and reports the outcome here.
 */
public enum PrincipalStatus {
  /** The certificate chains to the overlay CA, is within its validity window and is not revoked. */
  VALID,
  /** The registry has revoked the certificate. Revocation overrides everything, forever. */
  REVOKED,
  /** The certificate is outside its validity window (expired or not yet valid). */
  EXPIRED,
  /**
   * The certificate is not known to the caller (e.g. a claim names a fingerprint the node has never
   * seen in a handshake or an ALIVE), so nothing it signed can be trusted yet.
   */
  UNKNOWN
}
