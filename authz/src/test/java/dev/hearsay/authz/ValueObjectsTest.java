package dev.hearsay.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ValueObjectsTest {

  @Test
  void aMetadataClaimNeedsItsEntryAndOtherClaimsHaveNone() {
    assertThrows(IllegalArgumentException.class, () -> ClaimAttempt.about(ClaimKind.META_WRITE, Ids.BLUE_1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ClaimAttempt(ClaimKind.ALIVE, Ids.BLUE_1, Optional.of(MetadataEntry.privateEntry(Ids.BLUE_1, "k"))));
  }

  @Test
  void aMetadataClaimIsAboutTheEntrysOwner() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new ClaimAttempt(ClaimKind.META_WRITE, Ids.BLUE_2, Optional.of(MetadataEntry.privateEntry(Ids.BLUE_1, "k"))));
    assertEquals(Ids.BLUE_1, ClaimAttempt.metaWrite(MetadataEntry.privateEntry(Ids.BLUE_1, "k")).subject());
  }

  @Test
  void aMetadataKeyIsNotEmpty() {
    assertThrows(IllegalArgumentException.class, () -> MetadataEntry.sharedEntry(Ids.BLUE_1, ""));
  }

  @Test
  void accuserPoliciesAreConsistent() {
    assertThrows(IllegalArgumentException.class, () -> new AccuserPolicy(AccuserMode.SAME_TENANT, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new AccuserPolicy(AccuserMode.MONITORS, 3, 2));
    assertThrows(IllegalArgumentException.class, () -> new AccuserPolicy(AccuserMode.ANY_MEMBER, 2, 3));
    assertEquals(new AccuserPolicy(AccuserMode.SAME_TENANT, 2, 0), AccuserPolicy.defaults());
  }

  @Test
  void limitsAreNeverNegative() {
    assertThrows(IllegalArgumentException.class, () -> new RateLimits(1, 1, 1, -1, 1, 1, 1));
  }

  @Test
  void onlyNodesCanBeSeeds() {
    assertThrows(IllegalArgumentException.class, () -> Policy.builder().seed(Ids.REGISTRY));
  }

  @Test
  void denyReasonsHaveDistinctMetricTags() {
    Set<String> tags = Arrays.stream(DenyReason.values()).map(DenyReason::tag).collect(Collectors.toSet());
    assertEquals(DenyReason.values().length, tags.size());
    assertEquals("not-authorized-accuser", DenyReason.NOT_AUTHORIZED_ACCUSER.tag());
  }

  @Test
  void decisionsPrintTheirReason() {
    assertEquals("allow", Decision.allow().toString());
    assertEquals("deny not-subject: x", Decision.deny(DenyReason.NOT_SUBJECT, "x").toString());
  }

  @Test
  void principalsShowTheirStatusWhenNotValid() {
    assertEquals(Ids.BLUE_1.uri(), Principal.valid(Ids.BLUE_1).toString());
    assertEquals(Ids.BLUE_1.uri() + " (revoked)", Principal.of(Ids.BLUE_1, PrincipalStatus.REVOKED).toString());
  }
}
