package dev.hearsay.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policy without a file is the safe one issue 4 asks for. */
class PolicyDefaultsTest {
  private final Policy defaults = Policy.defaults();

  @Test
  void everyTenantIsIsolated() {
    assertTrue(defaults.tenants().isEmpty());
    assertEquals(TenantMembership.ISOLATED, defaults.membershipOf("blue"));
    assertEquals(TenantMembership.ISOLATED, defaults.membershipOf("anything"));
  }

  @Test
  void accusersShareTheSubjectsTenantAndKIsTwo() {
    assertEquals(new AccuserPolicy(AccuserMode.SAME_TENANT, 2, 0), defaults.accusers());
  }

  @Test
  void everyKeyIsWrittenByItsNodeAlone() {
    assertTrue(defaults.metadata().namespaces().isEmpty());
    assertEquals(java.util.Set.of(MetadataWriter.SELF), defaults.metadata().writersOf("blue", "ops.drain"));
  }

  @Test
  void noSeedsAndTheBuiltInLimits() {
    assertTrue(defaults.seeds().isEmpty());
    assertEquals(
        Map.of(
            PolicyRole.MEMBER, new RateLimits(200, 256 * 1024, 500, 30, 4, 10, 200),
            PolicyRole.SEED, new RateLimits(400, 1024 * 1024, 1000, 30, 8, 10, 400),
            PolicyRole.REGISTRY, new RateLimits(50, 256 * 1024, 100, 0, 2, 0, 100),
            PolicyRole.OPERATOR, new RateLimits(20, 64 * 1024, 50, 0, 2, 0, 50)),
        defaults.limits());
  }
}
