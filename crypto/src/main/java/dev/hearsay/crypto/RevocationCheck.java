package dev.hearsay.crypto;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Asked before a peer is admitted: is this certificate, or the identity it names, revoked? The seed
 * registry's verified log plugs in here; until then {@link #NONE} revokes nothing.
 */
@FunctionalInterface
public interface RevocationCheck {
  RevocationCheck NONE = (certificate, identity) -> Optional.empty();

  /** The revocation reason if the certificate's serial or its identity is revoked, else empty. */
  Optional<String> revocationReason(X509Certificate certificate, NodeIdentity identity);
}
