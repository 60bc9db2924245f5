package dev.hearsay.registry.log;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.RevocationCheck;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The revoked targets of a verified log, as a {@link RevocationCheck} for the trust manager. It only
 * grows: there is no remove. Thread-safe; lookups are two hash probes per handshake.
 */
public final class RevocationSet implements RevocationCheck {
  private final Map<RevocationTarget, RevocationEntry> byTarget = new ConcurrentHashMap<>();

  /** Adds a verified entry; the first entry for a target is the one kept. */
  public void add(RevocationEntry entry) {
    byTarget.putIfAbsent(entry.target(), entry);
  }

  public void addAll(Collection<RevocationEntry> entries) {
    entries.forEach(this::add);
  }

  public Optional<RevocationEntry> entryFor(RevocationTarget target) {
    return Optional.ofNullable(byTarget.get(target));
  }

  /** The entry revoking this certificate or its identity, if any. */
  public Optional<RevocationEntry> entryFor(X509Certificate certificate, NodeIdentity identity) {
    // Certificates of a hearsay CA have positive serials; anything else cannot match a serial entry.
    RevocationEntry bySerial =
        certificate == null || certificate.getSerialNumber().signum() <= 0
            ? null
            : byTarget.get(RevocationTarget.serialOf(certificate));
    if (bySerial != null) {
      return Optional.of(bySerial);
    }
    if (identity == null || identity.role() == dev.hearsay.crypto.Role.REGISTRY) {
      return Optional.empty();
    }
    return Optional.ofNullable(byTarget.get(RevocationTarget.identity(identity)));
  }

  public boolean isRevoked(NodeIdentity identity) {
    return identity.role() != dev.hearsay.crypto.Role.REGISTRY && byTarget.containsKey(RevocationTarget.identity(identity));
  }

  @Override
  public Optional<String> revocationReason(X509Certificate certificate, NodeIdentity identity) {
    return entryFor(certificate, identity)
        .map(e -> "revocation #" + e.sequence() + " of " + e.target() + (e.reason().isEmpty() ? "" : " (" + e.reason() + ")"));
  }

  public int size() {
    return byTarget.size();
  }
}
