package dev.hearsay.authz;

import java.util.Locale;

/**
 * The role a principal plays under a policy. Member, registry and operator come from the path of the
 * certificate identity; seed is a member whose identity the policy lists under {@code seeds}. A seed
 * gets different rate limits (it takes joins and full syncs from everyone) but no extra authority
 * over claims: what a seed may claim is exactly what any member may claim.
 */
public enum PolicyRole {
  MEMBER,
  SEED,
  REGISTRY,
  OPERATOR;

  /** The name used in the policy file and as a metric tag, e.g. {@code member}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
