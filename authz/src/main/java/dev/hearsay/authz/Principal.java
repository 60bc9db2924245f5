package dev.hearsay.authz;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.Role;
import java.util.Locale;
import java.util.Objects;

/**
 * Someone who signs a claim, reads an entry or opens a connection: the identity read from its
 * certificate's URI SAN, plus what the caller found out about that certificate. Nothing in here comes
 * from what the peer says about itself.
 */
public record Principal(NodeIdentity identity, PrincipalStatus status) {

  public Principal {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(status, "status");
  }

  /** A principal whose certificate the caller has checked and found valid. */
  public static Principal valid(NodeIdentity identity) {
    return new Principal(identity, PrincipalStatus.VALID);
  }

  public static Principal of(NodeIdentity identity, PrincipalStatus status) {
    return new Principal(identity, status);
  }

  /** The certificate role (node, registry, operator); a seed is a node whose identity the policy lists. */
  public Role certificateRole() {
    return identity.role();
  }

  @Override
  public String toString() {
    return status == PrincipalStatus.VALID
        ? identity.toString()
        : identity + " (" + status.name().toLowerCase(Locale.ROOT) + ")";
  }
}
