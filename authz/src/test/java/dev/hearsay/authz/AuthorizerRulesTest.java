package dev.hearsay.authz;

import static dev.hearsay.authz.Decisions.assertAllowed;
import static dev.hearsay.authz.Decisions.assertDenied;
import static dev.hearsay.authz.Ids.BLUE_1;
import static dev.hearsay.authz.Ids.BLUE_2;
import static dev.hearsay.authz.Ids.BLUE_3;
import static dev.hearsay.authz.Ids.OPERATOR;
import static dev.hearsay.authz.Ids.RED_1;
import static dev.hearsay.authz.Ids.RED_2;
import static dev.hearsay.authz.Ids.REGISTRY;
import static dev.hearsay.authz.Ids.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.NodeIdentity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** For every rule: the attack it stops is denied, and the honest case next to it is allowed. */
class AuthorizerRulesTest {
  private static final Authorizer DEFAULTS = Authorizer.withDefaults();
  private static final DecisionContext NONE = DecisionContext.none();

  private static Policy.Builder blueRed(TenantMembership blue, TenantMembership red) {
    return Policy.builder().tenant("blue", blue).tenant("red", red);
  }

  @Nested
  class CertificateStatus {
    @Test
    void aRevokedNodeCannotRejoinByGossipingItsOwnAlive() {
      assertDenied(
          DenyReason.SIGNER_REVOKED,
          DEFAULTS.decide(Principal.of(BLUE_1, PrincipalStatus.REVOKED), ClaimAttempt.alive(BLUE_1), NONE));
    }

    @Test
    void anExpiredNodeCannotAccuse() {
      assertDenied(
          DenyReason.SIGNER_EXPIRED,
          DEFAULTS.decide(Principal.of(BLUE_1, PrincipalStatus.EXPIRED), ClaimAttempt.suspect(BLUE_2), NONE));
    }

    @Test
    void anUnknownCertificateCannotWriteMetadata() {
      assertDenied(
          DenyReason.SIGNER_UNKNOWN,
          DEFAULTS.decide(
              Principal.of(BLUE_1, PrincipalStatus.UNKNOWN),
              ClaimAttempt.metaWrite(MetadataEntry.privateEntry(BLUE_1, "k")),
              NONE));
    }

    @Test
    void aRevokedViewerIsSentNothing() {
      assertFalse(DEFAULTS.mayView(Principal.of(BLUE_2, PrincipalStatus.REVOKED), BLUE_1));
      assertFalse(DEFAULTS.mayRead(Principal.of(BLUE_2, PrincipalStatus.REVOKED), MetadataEntry.privateEntry(BLUE_1, "k")));
    }

    @Test
    void aValidNodeAssertsItsOwnAlive() {
      assertAllowed(DEFAULTS.decide(valid(BLUE_1), ClaimAttempt.alive(BLUE_1), NONE));
    }
  }

  @Nested
  class Subject {
    @Test
    void aNodeOfAnotherOverlayIsDenied() {
      NodeIdentity foreign = NodeIdentity.node("other.org", "blue", "n1");
      assertDenied(DenyReason.FOREIGN_TRUST_DOMAIN, DEFAULTS.decide(valid(foreign), ClaimAttempt.suspect(BLUE_1), NONE));
      assertDenied(DenyReason.FOREIGN_TRUST_DOMAIN, DEFAULTS.view(valid(foreign), BLUE_1));
    }

    @Test
    void registriesAndOperatorsAreNotGossipSubjects() {
      assertDenied(DenyReason.SUBJECT_NOT_MEMBER, DEFAULTS.decide(valid(BLUE_1), ClaimAttempt.suspect(REGISTRY), NONE));
      assertDenied(DenyReason.SUBJECT_NOT_MEMBER, DEFAULTS.view(valid(BLUE_1), OPERATOR));
    }

    @Test
    void aNodeOfTheSameOverlayIsASubject() {
      assertAllowed(DEFAULTS.decide(valid(BLUE_1), ClaimAttempt.suspect(BLUE_2), NONE));
    }
  }

  @Nested
  class OnlyTheSubjectSpeaksForItsLiveness {
    @Test
    void aNodeCannotForgeAnotherNodesAliveLeaveOrRefute() {
      for (ClaimKind kind : List.of(ClaimKind.ALIVE, ClaimKind.LEAVE, ClaimKind.REFUTE)) {
        assertDenied(DenyReason.NOT_SUBJECT, DEFAULTS.decide(valid(BLUE_2), ClaimAttempt.about(kind, BLUE_1), NONE));
        assertDenied(DenyReason.NOT_SUBJECT, DEFAULTS.decide(valid(RED_1), ClaimAttempt.about(kind, BLUE_1), NONE));
      }
    }

    @Test
    void evenUnderTheMostOpenPolicyOnlyTheSubjectSpeaks() {
      Authorizer open =
          new Authorizer(
              blueRed(TenantMembership.SHARED, TenantMembership.SHARED)
                  .accusers(new AccuserPolicy(AccuserMode.ANY_MEMBER, 1, 0))
                  .seed(RED_1)
                  .build());
      assertDenied(DenyReason.NOT_SUBJECT, open.decide(valid(RED_1), ClaimAttempt.leave(BLUE_1), NONE));
      assertDenied(DenyReason.WRONG_ROLE, open.decide(valid(OPERATOR), ClaimAttempt.alive(BLUE_1), NONE));
    }

    @Test
    void operatorsAndRegistriesNeverSignMembershipClaimsAboutNodes() {
      for (NodeIdentity authority : List.of(OPERATOR, REGISTRY)) {
        for (ClaimKind kind : List.of(ClaimKind.ALIVE, ClaimKind.LEAVE, ClaimKind.REFUTE, ClaimKind.SUSPECT, ClaimKind.DEAD)) {
          assertDenied(DenyReason.WRONG_ROLE, DEFAULTS.decide(valid(authority), ClaimAttempt.about(kind, BLUE_1), NONE));
        }
      }
    }

    @Test
    void theSubjectAssertsLeavesAndRefutes() {
      assertAllowed(DEFAULTS.decide(valid(BLUE_1), ClaimAttempt.leave(BLUE_1), NONE));
      assertAllowed(DEFAULTS.decide(valid(BLUE_1), ClaimAttempt.refute(BLUE_1), NONE));
    }
  }

  @Nested
  class Accusers {
    @Test
    void aNodeNeverAccusesItself() {
      assertDenied(DenyReason.SELF_ACCUSATION, DEFAULTS.decide(valid(BLUE_1), ClaimAttempt.suspect(BLUE_1), NONE));
    }

    @Test
    void sameTenantModeDeniesAnAccuserOfAnotherTenantEvenForASharedTenant() {
      Authorizer a = new Authorizer(blueRed(TenantMembership.SHARED, TenantMembership.SHARED).build());
      assertDenied(DenyReason.CROSS_TENANT, a.decide(valid(RED_1), ClaimAttempt.suspect(BLUE_1), NONE));
      assertAllowed(a.decide(valid(BLUE_2), ClaimAttempt.suspect(BLUE_1), NONE));
    }

    @Test
    void anyMemberModeLetsOtherTenantsAccuseASharedTenantOnly() {
      Authorizer a =
          new Authorizer(
              blueRed(TenantMembership.ISOLATED, TenantMembership.SHARED)
                  .accusers(new AccuserPolicy(AccuserMode.ANY_MEMBER, 2, 0))
                  .build());
      assertDenied(DenyReason.CROSS_TENANT, a.decide(valid(RED_1), ClaimAttempt.suspect(BLUE_1), NONE));
      assertAllowed(a.decide(valid(BLUE_1), ClaimAttempt.suspect(RED_1), NONE));
      assertAllowed(a.decide(valid(BLUE_2), ClaimAttempt.suspect(BLUE_1), NONE));
    }

    @Test
    void monitorsModeDeniesANodeThatIsNotAnAssignedMonitor() {
      Authorizer a = new Authorizer(Policy.builder().accusers(new AccuserPolicy(AccuserMode.MONITORS, 1, 1)).build());
      List<NodeIdentity> view = List.of(BLUE_1, BLUE_2, BLUE_3, RED_1);
      List<NodeIdentity> monitors = a.monitorsOf(BLUE_1, view);
      assertEquals(1, monitors.size());
      NodeIdentity monitor = monitors.get(0);
      NodeIdentity notMonitor = monitor.equals(BLUE_2) ? BLUE_3 : BLUE_2;
      DecisionContext context = NONE.withMonitors(Set.copyOf(monitors));

      assertDenied(DenyReason.NOT_AUTHORIZED_ACCUSER, a.decide(valid(notMonitor), ClaimAttempt.suspect(BLUE_1), context));
      assertAllowed(a.decide(valid(monitor), ClaimAttempt.suspect(BLUE_1), context));
    }

    @Test
    void monitorsModeStillDeniesAMonitorListedFromAnotherTenant() {
      Authorizer a = new Authorizer(Policy.builder().accusers(new AccuserPolicy(AccuserMode.MONITORS, 1, 1)).build());
      DecisionContext forged = NONE.withMonitors(Set.of(RED_1));
      assertDenied(DenyReason.CROSS_TENANT, a.decide(valid(RED_1), ClaimAttempt.suspect(BLUE_1), forged));
    }
  }

  @Nested
  class DeadNeedsAQuorum {
    private final Authorizer k3 =
        new Authorizer(Policy.builder().accusers(new AccuserPolicy(AccuserMode.SAME_TENANT, 3, 0)).build());

    private DecisionContext evidence(Principal... signers) {
      return NONE.withDeadEvidence(List.of(signers));
    }

    @Test
    void oneAccuserRepeatingItselfIsOneAccuser() {
      List<Principal> flood = new ArrayList<>(Collections.nCopies(1000, valid(BLUE_2)));
      flood.add(valid(BLUE_3));
      Decision d = k3.decide(valid(BLUE_2), ClaimAttempt.dead(BLUE_1), NONE.withDeadEvidence(flood));
      assertDenied(DenyReason.INSUFFICIENT_ACCUSERS, d);
    }

    @Test
    void fewerThanKDistinctAccusersIsNotEnough() {
      assertDenied(
          DenyReason.INSUFFICIENT_ACCUSERS,
          k3.decide(valid(BLUE_2), ClaimAttempt.dead(BLUE_1), evidence(valid(BLUE_2), valid(BLUE_3))));
    }

    @Test
    void revokedExpiredUnknownAndOutOfTenantAccusersDoNotCount() {
      NodeIdentity b4 = Ids.node("blue", "n4");
      NodeIdentity b5 = Ids.node("blue", "n5");
      NodeIdentity b6 = Ids.node("blue", "n6");
      Decision d =
          k3.decide(
              valid(BLUE_2),
              ClaimAttempt.dead(BLUE_1),
              evidence(
                  valid(BLUE_2),
                  valid(BLUE_3),
                  Principal.of(b4, PrincipalStatus.REVOKED),
                  Principal.of(b5, PrincipalStatus.EXPIRED),
                  Principal.of(b6, PrincipalStatus.UNKNOWN),
                  valid(RED_1),
                  valid(RED_2),
                  valid(REGISTRY),
                  valid(OPERATOR),
                  valid(BLUE_1)));
      assertDenied(DenyReason.INSUFFICIENT_ACCUSERS, d);
    }

    @Test
    void aDeclarerThatMayNotAccuseIsDeniedEvenWithFullEvidence() {
      NodeIdentity b4 = Ids.node("blue", "n4");
      DecisionContext full = evidence(valid(BLUE_2), valid(BLUE_3), valid(b4));
      assertDenied(DenyReason.CROSS_TENANT, k3.decide(valid(RED_1), ClaimAttempt.dead(BLUE_1), full));
      assertDenied(DenyReason.SELF_ACCUSATION, k3.decide(valid(BLUE_1), ClaimAttempt.dead(BLUE_1), full));
    }

    @Test
    void kDistinctValidAccusersOfTheTenantAreEnough() {
      NodeIdentity b4 = Ids.node("blue", "n4");
      assertAllowed(
          k3.decide(valid(BLUE_2), ClaimAttempt.dead(BLUE_1), evidence(valid(BLUE_2), valid(BLUE_3), valid(b4))));
    }

    @Test
    void inMonitorsModeOnlyMonitorsCountAsEvidence() {
      Authorizer a = new Authorizer(Policy.builder().accusers(new AccuserPolicy(AccuserMode.MONITORS, 2, 2)).build());
      NodeIdentity b4 = Ids.node("blue", "n4");
      List<NodeIdentity> view = List.of(BLUE_1, BLUE_2, BLUE_3, b4);
      List<NodeIdentity> monitors = a.monitorsOf(BLUE_1, view);
      NodeIdentity outsider =
          view.stream().filter(n -> !n.equals(BLUE_1) && !monitors.contains(n)).findFirst().orElseThrow();
      DecisionContext context = NONE.withMonitors(Set.copyOf(monitors));
      ClaimAttempt dead = ClaimAttempt.dead(BLUE_1);

      assertDenied(
          DenyReason.INSUFFICIENT_ACCUSERS,
          a.decide(valid(monitors.get(0)), dead, context.withDeadEvidence(List.of(valid(monitors.get(0)), valid(outsider)))));
      assertAllowed(
          a.decide(
              valid(monitors.get(0)), dead, context.withDeadEvidence(List.of(valid(monitors.get(0)), valid(monitors.get(1))))));
    }

    @Test
    void theQuorumIsThePolicys() {
      assertEquals(2, DEFAULTS.quorum());
      assertEquals(3, k3.quorum());
    }
  }

  @Nested
  class MetadataWrites {
    private final Authorizer withNamespaces =
        new Authorizer(
            blueRed(TenantMembership.SHARED, TenantMembership.SHARED)
                .metadata(
                    new MetadataPolicy(
                        List.of(
                            new MetadataNamespace("ops.", Set.of(MetadataWriter.OPERATOR), Set.of("blue")),
                            new MetadataNamespace("ops.self.", Set.of(MetadataWriter.SELF), Set.of()),
                            new MetadataNamespace("hearsay.", Set.of(), Set.of()))))
                .build());

    private ClaimAttempt write(NodeIdentity owner, String key) {
      return ClaimAttempt.metaWrite(MetadataEntry.privateEntry(owner, key));
    }

    @Test
    void aNodeOfAnotherTenantCannotWriteATenantsMetadataWhateverTheSettings() {
      assertDenied(DenyReason.CROSS_TENANT, withNamespaces.decide(valid(RED_1), write(BLUE_1, "app.version"), NONE));
      assertDenied(DenyReason.CROSS_TENANT, withNamespaces.decide(valid(RED_1), write(BLUE_1, "ops.drain"), NONE));
    }

    @Test
    void aNodeCannotWriteAnotherNodesKeysOfItsOwnTenant() {
      assertDenied(DenyReason.NOT_SUBJECT, DEFAULTS.decide(valid(BLUE_2), write(BLUE_1, "app.version"), NONE));
    }

    @Test
    void aNodeWritesItsOwnKeys() {
      assertAllowed(DEFAULTS.decide(valid(BLUE_1), write(BLUE_1, "app.version"), NONE));
      assertAllowed(withNamespaces.decide(valid(RED_1), write(RED_1, "app.version"), NONE));
    }

    @Test
    void anOperatorWritesTheOpsNamespaceOfTheTenantsItCovers() {
      assertAllowed(withNamespaces.decide(valid(OPERATOR), write(BLUE_1, "ops.drain"), NONE));
    }

    @Test
    void anOperatorCannotWriteOutsideItsNamespaceNorForOtherTenants() {
      assertDenied(DenyReason.KEY_NOT_WRITABLE, withNamespaces.decide(valid(OPERATOR), write(BLUE_1, "app.version"), NONE));
      assertDenied(DenyReason.KEY_NOT_WRITABLE, withNamespaces.decide(valid(OPERATOR), write(RED_1, "ops.drain"), NONE));
      assertDenied(DenyReason.KEY_NOT_WRITABLE, DEFAULTS.decide(valid(OPERATOR), write(BLUE_1, "ops.drain"), NONE));
    }

    @Test
    void aNodeCannotWriteKeysReservedForOperatorsOrForNobody() {
      assertDenied(DenyReason.KEY_NOT_WRITABLE, withNamespaces.decide(valid(BLUE_1), write(BLUE_1, "ops.drain"), NONE));
      assertDenied(DenyReason.KEY_NOT_WRITABLE, withNamespaces.decide(valid(BLUE_1), write(BLUE_1, "hearsay.x"), NONE));
    }

    @Test
    void theLongestPrefixWinsAndANamespaceLimitedToATenantLeavesOthersToTheirOwner() {
      assertAllowed(withNamespaces.decide(valid(BLUE_1), write(BLUE_1, "ops.self.note"), NONE));
      assertAllowed(withNamespaces.decide(valid(RED_1), write(RED_1, "ops.drain"), NONE));
    }

    @Test
    void registriesNeverWriteMetadata() {
      assertDenied(DenyReason.WRONG_ROLE, withNamespaces.decide(valid(REGISTRY), write(BLUE_1, "ops.drain"), NONE));
    }
  }

  @Nested
  class Visibility {
    private final Authorizer blueSharedRedIsolated =
        new Authorizer(blueRed(TenantMembership.SHARED, TenantMembership.ISOLATED).build());

    @Test
    void anIsolatedTenantsMembersAreNotShownToOtherTenants() {
      assertFalse(DEFAULTS.mayView(valid(RED_1), BLUE_1));
      assertDenied(DenyReason.CROSS_TENANT, blueSharedRedIsolated.view(valid(BLUE_1), RED_1));
    }

    @Test
    void membersSeeTheirOwnTenantAndSharedTenants() {
      assertTrue(DEFAULTS.mayView(valid(BLUE_2), BLUE_1));
      assertTrue(blueSharedRedIsolated.mayView(valid(RED_1), BLUE_1));
    }

    @Test
    void privateMetadataNeverCrossesTenantsEvenWhenBothAreShared() {
      Authorizer allShared = new Authorizer(blueRed(TenantMembership.SHARED, TenantMembership.SHARED).build());
      MetadataEntry secret = MetadataEntry.privateEntry(BLUE_1, "db.password");
      assertDenied(DenyReason.PRIVATE_METADATA, allShared.read(valid(RED_1), secret));
      assertDenied(
          DenyReason.PRIVATE_METADATA, allShared.decide(valid(RED_1), ClaimAttempt.metaRead(secret), NONE));
      assertTrue(allShared.mayRead(valid(BLUE_2), secret));
    }

    @Test
    void sharedMetadataCrossesOnlyFromASharedTenant() {
      assertTrue(blueSharedRedIsolated.mayRead(valid(RED_1), MetadataEntry.sharedEntry(BLUE_1, "zone")));
      assertDenied(DenyReason.CROSS_TENANT, blueSharedRedIsolated.read(valid(BLUE_1), MetadataEntry.sharedEntry(RED_1, "zone")));
    }

    @Test
    void registriesAndOperatorsAreNotGossipPeers() {
      assertDenied(DenyReason.WRONG_ROLE, DEFAULTS.view(valid(REGISTRY), BLUE_1));
      assertDenied(DenyReason.WRONG_ROLE, DEFAULTS.read(valid(OPERATOR), MetadataEntry.sharedEntry(BLUE_1, "zone")));
    }
  }

  @Nested
  class RolesAndLimits {
    private final Authorizer withSeed = new Authorizer(Policy.builder().seed(Ids.BLUE_SEED).build());

    @Test
    void rolesComeFromTheIdentityAndTheSeedList() {
      assertEquals(PolicyRole.SEED, withSeed.roleOf(Ids.BLUE_SEED));
      assertEquals(PolicyRole.MEMBER, withSeed.roleOf(BLUE_1));
      assertEquals(PolicyRole.MEMBER, withSeed.roleOf(Ids.node("red", "seed-1")));
      assertEquals(PolicyRole.REGISTRY, withSeed.roleOf(REGISTRY));
      assertEquals(PolicyRole.OPERATOR, withSeed.roleOf(OPERATOR));
    }

    @Test
    void aSeedGetsSeedLimitsButNoAuthorityOverOthersClaims() {
      assertEquals(RateLimits.defaultsFor(PolicyRole.SEED), withSeed.limitsFor(valid(Ids.BLUE_SEED)));
      assertDenied(DenyReason.NOT_SUBJECT, withSeed.decide(valid(Ids.BLUE_SEED), ClaimAttempt.alive(BLUE_1), NONE));
    }

    @Test
    void limitsFollowTheRole() {
      assertEquals(new RateLimits(200, 262144, 500, 30, 4, 10, 200), DEFAULTS.limitsFor(valid(BLUE_1)));
      assertEquals(0, DEFAULTS.limitsFor(valid(OPERATOR)).accusationsPerMinute());
      assertEquals(0, DEFAULTS.limitsFor(valid(REGISTRY)).joinsPerMinute());
      RateLimits tight = new RateLimits(1, 2, 3, 4, 5, 6, 7);
      Authorizer custom = new Authorizer(Policy.builder().limits(PolicyRole.MEMBER, tight).build());
      assertEquals(tight, custom.limitsFor(valid(BLUE_1)));
      assertEquals(RateLimits.defaultsFor(PolicyRole.OPERATOR), custom.limitsFor(valid(OPERATOR)));
    }
  }
}
