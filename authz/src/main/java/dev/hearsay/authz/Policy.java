package dev.hearsay.authz;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.Role;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An authorization policy: tenants and their membership visibility, the seeds, who may accuse whom
 * and the quorum {@code k}, metadata namespaces and their writers, and rate limits per role.
 * Immutable; load one with {@link PolicyLoader}, or take {@link #defaults()} when there is no file.
 * Decisions are made by an {@link Authorizer} over a policy.
 */
public final class Policy {
  /** The only schema version this build reads. */
  public static final int VERSION = 1;

  private static final Policy DEFAULTS = builder().build();

  private final Map<String, TenantMembership> tenants;
  private final Set<NodeIdentity> seeds;
  private final AccuserPolicy accusers;
  private final MetadataPolicy metadata;
  private final Map<PolicyRole, RateLimits> limits;

  private Policy(Builder b) {
    this.tenants = Collections.unmodifiableMap(new LinkedHashMap<>(b.tenants));
    this.seeds = Collections.unmodifiableSet(new LinkedHashSet<>(b.seeds));
    this.accusers = b.accusers;
    this.metadata = b.metadata;
    EnumMap<PolicyRole, RateLimits> all = new EnumMap<>(PolicyRole.class);
    for (PolicyRole role : PolicyRole.values()) {
      all.put(role, b.limits.getOrDefault(role, RateLimits.defaultsFor(role)));
    }
    this.limits = Collections.unmodifiableMap(all);
  }

  /**
   * The policy in force without a policy file, safe by default: no tenant is declared, so every
   * tenant is isolated; only the subject asserts its own liveness, metadata, leave and refutation;
   * accusers must share the subject's tenant; {@code k} = 2; no seeds; built-in rate limits.
   */
  public static Policy defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public int version() {
    return VERSION;
  }

  /** The declared tenants, in file order. Undeclared tenants are isolated. */
  public Map<String, TenantMembership> tenants() {
    return tenants;
  }

  /** Whether {@code tenant}'s membership is visible to other tenants; isolated unless declared shared. */
  public TenantMembership membershipOf(String tenant) {
    return tenants.getOrDefault(tenant, TenantMembership.ISOLATED);
  }

  public Set<NodeIdentity> seeds() {
    return seeds;
  }

  public AccuserPolicy accusers() {
    return accusers;
  }

  public MetadataPolicy metadata() {
    return metadata;
  }

  /** The limits of every role, defaults filled in. */
  public Map<PolicyRole, RateLimits> limits() {
    return limits;
  }

  public RateLimits limits(PolicyRole role) {
    return limits.get(role);
  }

  /** The role of an identity under this policy: from the certificate path, and seed if listed. */
  public PolicyRole roleOf(NodeIdentity identity) {
    if (identity.role() == Role.REGISTRY) {
      return PolicyRole.REGISTRY;
    }
    if (identity.role() == Role.OPERATOR) {
      return PolicyRole.OPERATOR;
    }
    return seeds.contains(identity) ? PolicyRole.SEED : PolicyRole.MEMBER;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Policy p
        && tenants.equals(p.tenants)
        && seeds.equals(p.seeds)
        && accusers.equals(p.accusers)
        && metadata.equals(p.metadata)
        && limits.equals(p.limits);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tenants, seeds, accusers, metadata, limits);
  }

  @Override
  public String toString() {
    return "Policy{version=" + VERSION + ", tenants=" + tenants + ", seeds=" + seeds + ", accusers="
        + accusers + ", metadata=" + metadata + ", limits=" + limits + "}";
  }

  /** Builds a policy in code; the loader uses it after checking the file, tests use it directly. */
  public static final class Builder {
    private final Map<String, TenantMembership> tenants = new LinkedHashMap<>();
    private final Set<NodeIdentity> seeds = new LinkedHashSet<>();
    private AccuserPolicy accusers = AccuserPolicy.defaults();
    private MetadataPolicy metadata = MetadataPolicy.defaults();
    private final Map<PolicyRole, RateLimits> limits = new EnumMap<>(PolicyRole.class);

    private Builder() {}

    public Builder tenant(String name, TenantMembership membership) {
      tenants.put(Objects.requireNonNull(name), Objects.requireNonNull(membership));
      return this;
    }

    /** Lists a node as a seed; only node identities can be seeds. */
    public Builder seed(NodeIdentity seed) {
      if (seed.role() != Role.NODE) {
        throw new IllegalArgumentException("a seed must be a node identity: " + seed);
      }
      seeds.add(seed);
      return this;
    }

    public Builder accusers(AccuserPolicy accusers) {
      this.accusers = Objects.requireNonNull(accusers);
      return this;
    }

    public Builder metadata(MetadataPolicy metadata) {
      this.metadata = Objects.requireNonNull(metadata);
      return this;
    }

    public Builder limits(PolicyRole role, RateLimits roleLimits) {
      limits.put(Objects.requireNonNull(role), Objects.requireNonNull(roleLimits));
      return this;
    }

    public Policy build() {
      return new Policy(this);
    }
  }
}
