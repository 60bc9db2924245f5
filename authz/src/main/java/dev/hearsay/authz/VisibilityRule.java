package dev.hearsay.authz;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.Role;

/**
 * What a peer may receive: membership entries (views) and metadata entries (reads). Gossip peers are
 * nodes, so only nodes view or read; registries and operators use their own interfaces.
 *
 * <ul>
 *   <li>A node sees every member of its own tenant and every metadata entry of its own tenant.
 *   <li>A node sees members of another tenant only when that tenant is {@code shared}, or when the
 *       policy lists the node as a seed: nodes of isolated tenants join through seeds, and a seed
 *       can only introduce them to each other if it sees them. Seeds read metadata like any node.
 *   <li>A node reads a {@code shared} metadata entry of another tenant only when that tenant is
 *       {@code shared}; a {@code private} entry of another tenant never, whatever the settings.
 * </ul>
 */
final class VisibilityRule {
  private final Policy policy;

  VisibilityRule(Policy policy) {
    this.policy = policy;
  }

  /** Assumes the certificate-status and subject rules have passed. */
  Decision view(Principal viewer, NodeIdentity subject) {
    NodeIdentity who = viewer.identity();
    if (who.role() != Role.NODE) {
      return Decision.deny(DenyReason.WRONG_ROLE, "a " + who.role().label() + " is not a gossip peer (" + who + ")");
    }
    if (sameTenant(who, subject)) {
      return Decision.allow();
    }
    if (policy.membershipOf(subject.tenant().orElseThrow()) == TenantMembership.SHARED || policy.seeds().contains(who)) {
      return Decision.allow();
    }
    return Decision.deny(DenyReason.CROSS_TENANT, who + " may not see " + subject + " of an isolated tenant");
  }

  /** Assumes the certificate-status and subject rules have passed for the entry's owner. */
  Decision read(Principal viewer, MetadataEntry entry) {
    NodeIdentity who = viewer.identity();
    if (who.role() != Role.NODE) {
      return Decision.deny(DenyReason.WRONG_ROLE, "a " + who.role().label() + " is not a gossip peer (" + who + ")");
    }
    if (sameTenant(who, entry.owner())) {
      return Decision.allow();
    }
    if (entry.visibility() == MetadataVisibility.PRIVATE) {
      return Decision.deny(
          DenyReason.PRIVATE_METADATA,
          "private key '" + entry.key() + "' of " + entry.owner() + " is not readable by " + who + " of another tenant");
    }
    if (policy.membershipOf(entry.owner().tenant().orElseThrow()) == TenantMembership.SHARED) {
      return Decision.allow();
    }
    return Decision.deny(DenyReason.CROSS_TENANT, who + " may not read metadata of " + entry.owner() + " of an isolated tenant");
  }

  private static boolean sameTenant(NodeIdentity a, NodeIdentity b) {
    return a.tenant().equals(b.tenant());
  }
}
