package dev.hearsay.authz;

import java.util.Locale;

/** Which nodes may accuse (SUSPECT, and declare DEAD) a subject. Registries and operators never may. */
public enum AccuserMode {
  /** Any other node of the subject's tenant. The default. */
  SAME_TENANT,
  /**
   * Any other node of the subject's tenant, and nodes of other tenants when the subject's tenant is
   * {@code shared} (they can see it, so they probe it). An isolated tenant is still accused only by
   * its own nodes.
   */
  ANY_MEMBER,
  /**
   * Only the subject's assigned monitors: the {@code monitors} nodes of its tenant that follow it on a
   * hash ring of identities (see {@link MonitorAssignment}). Bounds how many nodes can ever accuse a
   * given subject, whatever the size of its tenant.
   */
  MONITORS;

  /** The value used in the policy file, e.g. {@code same-tenant}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
