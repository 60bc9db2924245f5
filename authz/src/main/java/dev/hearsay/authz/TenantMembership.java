package dev.hearsay.authz;

import java.util.Locale;

/**
 * Whether a tenant's membership (which of its nodes exist and their liveness) is visible to nodes of
 * other tenants. Private metadata never crosses tenants, whichever is chosen.
 */
public enum TenantMembership {
  /** Nodes of other tenants may see this tenant's members, their liveness and their shared metadata. */
  SHARED,
  /** Nothing about this tenant is shown to, or accepted from, nodes of other tenants. The default. */
  ISOLATED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
