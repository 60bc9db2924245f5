package dev.hearsay.overlay.revocation;

import dev.hearsay.crypto.RevocationCheck;
import java.util.Optional;

/** Combinations of revocation checks. */
public final class RevocationChecks {
  private RevocationChecks() {}

  /** Revoked if either says so; the first reason wins. */
  public static RevocationCheck either(RevocationCheck first, RevocationCheck second) {
    if (first == RevocationCheck.NONE) {
      return second;
    }
    return (certificate, identity) -> {
      Optional<String> reason = first.revocationReason(certificate, identity);
      return reason.isPresent() ? reason : second.revocationReason(certificate, identity);
    };
  }
}
