package dev.hearsay.crypto;

/**
 * What a principal is in the overlay. The role is read from the path of the certificate's URI SAN,
 * never from anything the peer says.
 */
public enum Role {
  /** A gossip member: {@code spiffe://<domain>/tenant/<tenant>/node/<name>}. */
  NODE,
  /** A seed registry: {@code spiffe://<domain>/registry/<name>}. */
  REGISTRY,
  /** A human or automation that publishes revocations: {@code spiffe://<domain>/operator/<name>}. */
  OPERATOR;

  /** Lower-case name used in the CLI and in JSON. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
