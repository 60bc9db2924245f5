package dev.hearsay.authz;

import java.util.Locale;

/** Who may receive a metadata entry beyond the owner's own tenant. */
public enum MetadataVisibility {
  /** Only nodes of the owner's tenant ever see the entry, whatever the tenant's membership setting. */
  PRIVATE,
  /**
   * Nodes of other tenants may see the entry too, but only when the owner's tenant shares its
   * membership ({@code membership: shared}); an isolated tenant shows nothing to other tenants.
   */
  SHARED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
