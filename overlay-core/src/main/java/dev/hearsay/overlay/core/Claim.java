package dev.hearsay.overlay.core;

/**
 * A signed assertion about one member, as gossip carries it. The layer around the core has verified the
 * signature and the signer's authority before the core sees a claim; the core never interprets
 * {@link #proof()} and relays the claim object unchanged, so the original signer's signature travels with it.
 */
public sealed interface Claim extends Signed permits Alive, Suspect, Dead, Leave, Revoked {

  /** Signature size assumed for estimates: an ECDSA P-256 signature in DER is at most 72 bytes. */
  int SIGNATURE_BYTES = 72;
  /** A SHA-256 certificate fingerprint. */
  int FINGERPRINT_BYTES = 32;
  /** Kind tag, incarnation and length prefixes common to every claim encoding. */
  int HEADER_BYTES = 1 + 8 + 2;

  long incarnation();

  Status status();

  default Precedence precedence() {
    return new Precedence(incarnation(), status());
  }

  /** True if this claim replaces {@code other} (about the same subject) in a view. */
  default boolean supersedes(Claim other) {
    return Precedence.supersedes(incarnation(), status(), other.incarnation(), other.status());
  }

  /** Size of the proof slot as it would be on the wire: the real proof, or an estimated signature. */
  static int proofBytes(byte[] proof) {
    return proof.length > 0 ? proof.length + 2 : SIGNATURE_BYTES + 2;
  }
}
