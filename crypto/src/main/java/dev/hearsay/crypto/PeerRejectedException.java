package dev.hearsay.crypto;

import java.security.cert.CertificateException;

/** Why a peer's certificate was refused; thrown from the trust manager so the handshake fails. */
public final class PeerRejectedException extends CertificateException {
  /** Machine-readable reasons, also used as metric tags. */
  public enum Reason {
    NO_CERTIFICATE,
    NOT_A_LEAF,
    WRONG_KEY_USAGE,
    EXPIRED,
    NOT_YET_VALID,
    UNTRUSTED_ISSUER,
    MISSING_IDENTITY,
    MALFORMED_IDENTITY,
    FOREIGN_TRUST_DOMAIN,
    REVOKED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Reason reason;

  public PeerRejectedException(Reason reason, String detail) {
    super(reason.label() + ": " + detail);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
