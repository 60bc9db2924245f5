package dev.hearsay.overlay.claims;

import java.util.Locale;

/** Why a claim was not accepted; a metric tag and a log field. */
public enum ClaimRejection {
  /** The proof slot could not be parsed, or an enclosed certificate could not be read. */
  MALFORMED_PROOF,
  /** The claim names its signer's certificate by fingerprint, and this node has not seen it yet. */
  UNKNOWN_SIGNER_CERTIFICATE,
  /** The signer's certificate is not acceptable now: untrusted, expired, revoked, wrong domain. */
  SIGNER_CERTIFICATE_REFUSED,
  /**
   * The signer's certificate, or that of an accuser a DEAD's evidence rests on, is revoked. Honest relays
   * that accepted the claim before they heard of the revocation still pass it on, so this refusal is no
   * sign of a bad relay.
   */
  SIGNER_REVOKED,
  /** The certificate is valid but belongs to someone other than the claim's signer. */
  SIGNER_MISMATCH,
  /** The signature does not verify over the claim's canonical bytes. */
  BAD_SIGNATURE,
  /** A DEAD whose evidence is not k distinct valid accusations of that incarnation, nor the subject's LEAVE. */
  INSUFFICIENT_EVIDENCE,
  /** REVOKED comes from the registry only. */
  NOT_GOSSIPABLE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
