package dev.hearsay.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.hearsay.crypto.NodeIdentity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every claim kind × signer role × relationship under the default policy (plus one listed seed),
 * against an oracle written out by hand below. The oracle is data, not a call into the code under
 * test, so each cell states what the rules in DESIGN.md and issue 4 require.
 *
 * <p>Relationships, for an actor of tenant blue:
 *
 * <ul>
 *   <li>{@code self}: the subject is the actor itself (for a registry or an operator: itself, which is
 *       not a member);
 *   <li>{@code same-tenant}: another node of blue; {@code other-tenant}: a node of red (registries and
 *       operators have no tenant: these are simply nodes of blue and of red);
 *   <li>{@code revoked}, {@code expired}, {@code unknown}: the claim of the {@code self} column (for a
 *       registry or an operator, of the {@code same-tenant} column) by an actor whose certificate is
 *       revoked, expired or unknown.
 * </ul>
 *
 * Metadata claims use a private key outside every namespace ({@code app.version}); a DEAD claim comes
 * with two valid accusers of the subject's tenant as evidence ({@code k} = 2), so the cell shows what
 * the declarer's own role and relationship decide.
 */
class DecisionTableTest {

  private static final String ORACLE =
      """
      kind        role      self                 same-tenant          other-tenant         revoked          expired          unknown
      ALIVE       node      ALLOW                NOT_SUBJECT          NOT_SUBJECT          SIGNER_REVOKED   SIGNER_EXPIRED   SIGNER_UNKNOWN
      ALIVE       seed      ALLOW                NOT_SUBJECT          NOT_SUBJECT          SIGNER_REVOKED   SIGNER_EXPIRED   SIGNER_UNKNOWN
      ALIVE       registry  SUBJECT_NOT_MEMBER   WRONG_ROLE           WRONG_ROLE           SIGNER_REVOKED   SIGNER_EXPIRED   SIGNER_UNKNOWN
      ALIVE       operator  SUBJECT_NOT_MEMBER   WRONG_ROLE           WRONG_ROLE           SIGNER_REVOKED   SIGNER_EXPIRED   SIGNER_UNKNOWN

      SUSPECT     node      SELF_ACCUSATION      ALLOW                CROSS_TENANT         SIGNER_REVOKED   SIGNER_EXPIRED   SIGNER_UNKNOWN
      SUSPECT     seed      SELF_ACCUSATION      ALLOW                CROSS_TENANT         SIGNER_REVOKED   SIGNER_EXPIRED   SIGNER_UNKNOWN
      SUSPECT     registry  SUBJECT_NOT_MEMBER   WRONG_ROLE           WRONG_ROLE           SIGNER_REVOKED   SIGNER_EXPIRED   SIGNER_UNKNOWN
      SUSPECT     operator  SUBJECT_NOT_MEMBER   WRONG_ROLE           WRONG_ROLE           SIGNER_REVOKED   SIGNER_EXPIRED   SIGNER_UNKNOWN

      DEAD        node      SELF_ACCUSATION      ALLOW                CROSS_TENANT         SIGNER_REVOKED   SIGNER_EXPIRED   SIGNER_UNKNOWN
      DEAD        seed      SELF_ACCUSATION      ALLOW                CROSS_TENANT         SIGNER_REVOKED   SIGNER_EXPIRED   SIGNER_UNKNOWN
      DEAD        registry  SUBJECT_NOT_MEMBER   WRONG_ROLE           WRONG_ROLE           SIGNER_REVOKED   SIGNER_EXPIRED   SIGNER_UNKNOWN
      DEAD        operator  SUBJECT_NOT_MEMBER   WRONG_ROLE           WRONG_ROLE           SIGNER_REVOKED   SIGNER_EXPIRED   SIGNER_UNKNOWN

      LEAVE       node      ALLOW                NOT_SUBJECT          NOT_SUBJECT          SIGNER_REVOKED   SIGNER_EXPIRED   SIGNER_UNKNOWN
      LEAVE       seed      ALLOW                NOT_SUBJECT          NOT_SUBJECT          SIGNER_REVOKED   SIGNER_EXPIRED   SIGNER_UNKNOWN
      LEAVE       registry  SUBJECT_NOT_MEMBER   WRONG_ROLE           WRONG_ROLE           SIGNER_REVOKED   SIGNER_EXPIRED   SIGNER_UNKNOWN
      LEAVE       operator  SUBJECT_NOT_MEMBER   WRONG_ROLE           WRONG_ROLE           SIGNER_REVOKED   SIGNER_EXPIRED   SIGNER_UNKNOWN

      META_WRITE  node      ALLOW                NOT_SUBJECT          CROSS_TENANT         SIGNER_REVOKED   SIGNER_EXPIRED   SIGNER_UNKNOWN
      META_WRITE  seed      ALLOW                NOT_SUBJECT          CROSS_TENANT         SIGNER_REVOKED   SIGNER_EXPIRED   SIGNER_UNKNOWN
      META_WRITE  registry  SUBJECT_NOT_MEMBER   WRONG_ROLE           WRONG_ROLE           SIGNER_REVOKED   SIGNER_EXPIRED   SIGNER_UNKNOWN
      META_WRITE  operator  SUBJECT_NOT_MEMBER   KEY_NOT_WRITABLE     KEY_NOT_WRITABLE     SIGNER_REVOKED   SIGNER_EXPIRED   SIGNER_UNKNOWN

      META_READ   node      ALLOW                ALLOW                PRIVATE_METADATA     SIGNER_REVOKED   SIGNER_EXPIRED   SIGNER_UNKNOWN
      META_READ   seed      ALLOW                ALLOW                PRIVATE_METADATA     SIGNER_REVOKED   SIGNER_EXPIRED   SIGNER_UNKNOWN
      META_READ   registry  SUBJECT_NOT_MEMBER   WRONG_ROLE           WRONG_ROLE           SIGNER_REVOKED   SIGNER_EXPIRED   SIGNER_UNKNOWN
      META_READ   operator  SUBJECT_NOT_MEMBER   WRONG_ROLE           WRONG_ROLE           SIGNER_REVOKED   SIGNER_EXPIRED   SIGNER_UNKNOWN

      REFUTE      node      ALLOW                NOT_SUBJECT          NOT_SUBJECT          SIGNER_REVOKED   SIGNER_EXPIRED   SIGNER_UNKNOWN
      REFUTE      seed      ALLOW                NOT_SUBJECT          NOT_SUBJECT          SIGNER_REVOKED   SIGNER_EXPIRED   SIGNER_UNKNOWN
      REFUTE      registry  SUBJECT_NOT_MEMBER   WRONG_ROLE           WRONG_ROLE           SIGNER_REVOKED   SIGNER_EXPIRED   SIGNER_UNKNOWN
      REFUTE      operator  SUBJECT_NOT_MEMBER   WRONG_ROLE           WRONG_ROLE           SIGNER_REVOKED   SIGNER_EXPIRED   SIGNER_UNKNOWN
      """;

  enum SignerRole {
    NODE,
    SEED,
    REGISTRY,
    OPERATOR
  }

  enum Relation {
    SELF,
    SAME_TENANT,
    OTHER_TENANT,
    REVOKED,
    EXPIRED,
    UNKNOWN
  }

  private static final Policy POLICY = Policy.builder().seed(Ids.BLUE_SEED).build();
  private static final Authorizer AUTHORIZER = new Authorizer(POLICY);
  private static final Map<String, String> EXPECTED = parseOracle();

  static Stream<Arguments> everyCell() {
    List<Arguments> cells = new ArrayList<>();
    for (ClaimKind kind : ClaimKind.values()) {
      for (SignerRole role : SignerRole.values()) {
        for (Relation relation : Relation.values()) {
          cells.add(Arguments.of(kind, role, relation, EXPECTED.get(key(kind, role, relation))));
        }
      }
    }
    return cells.stream();
  }

  @ParameterizedTest(name = "{0} by {1} about {2} -> {3}")
  @MethodSource("everyCell")
  void decidesEveryCellAsTheOracleSays(ClaimKind kind, SignerRole role, Relation relation, String expected) {
    assertNotNull(expected, "the oracle has no cell for " + key(kind, role, relation));
    NodeIdentity actorId = actorOf(role);
    NodeIdentity subject = subjectOf(actorId, relation);
    Principal actor = Principal.of(actorId, statusOf(relation));
    ClaimAttempt claim =
        switch (kind) {
          case META_WRITE -> ClaimAttempt.metaWrite(MetadataEntry.privateEntry(subject, "app.version"));
          case META_READ -> ClaimAttempt.metaRead(MetadataEntry.privateEntry(subject, "app.version"));
          default -> ClaimAttempt.about(kind, subject);
        };

    Decision decision = AUTHORIZER.decide(actor, claim, evidenceAbout(subject));

    String actual = decision instanceof Decision.Deny deny ? deny.reason().name() : "ALLOW";
    assertEquals(expected, actual, decision.toString());
  }

  @Test
  void theOracleHasExactlyOneCellPerCombination() {
    assertEquals(ClaimKind.values().length * SignerRole.values().length * Relation.values().length, EXPECTED.size());
  }

  @Test
  void theTablePolicyIsTheDefaultPolicyPlusOneSeed() {
    assertEquals(
        Policy.defaults().toString().replace("seeds=[]", "seeds=[" + Ids.BLUE_SEED + "]"), POLICY.toString());
    assertEquals(PolicyRole.SEED, POLICY.roleOf(Ids.BLUE_SEED));
  }

  private static NodeIdentity actorOf(SignerRole role) {
    return switch (role) {
      case NODE -> Ids.BLUE_1;
      case SEED -> Ids.BLUE_SEED;
      case REGISTRY -> Ids.REGISTRY;
      case OPERATOR -> Ids.OPERATOR;
    };
  }

  private static NodeIdentity subjectOf(NodeIdentity actor, Relation relation) {
    boolean actorIsNode = actor.tenant().isPresent();
    return switch (relation) {
      case SELF -> actor;
      case SAME_TENANT -> Ids.BLUE_2;
      case OTHER_TENANT -> Ids.RED_1;
      case REVOKED, EXPIRED, UNKNOWN -> actorIsNode ? actor : Ids.BLUE_2;
    };
  }

  private static PrincipalStatus statusOf(Relation relation) {
    return switch (relation) {
      case REVOKED -> PrincipalStatus.REVOKED;
      case EXPIRED -> PrincipalStatus.EXPIRED;
      case UNKNOWN -> PrincipalStatus.UNKNOWN;
      default -> PrincipalStatus.VALID;
    };
  }

  /** Two valid witnesses of the subject's tenant, neither of them an actor of the table. */
  private static DecisionContext evidenceAbout(NodeIdentity subject) {
    if (subject.tenant().isEmpty()) {
      return DecisionContext.none();
    }
    String tenant = subject.tenant().get();
    return DecisionContext.none()
        .withDeadEvidence(
            List.of(Ids.valid(Ids.node(tenant, "witness-1")), Ids.valid(Ids.node(tenant, "witness-2"))));
  }

  private static String key(ClaimKind kind, SignerRole role, Relation relation) {
    return kind + "/" + role + "/" + relation;
  }

  private static Map<String, String> parseOracle() {
    List<String[]> rows = new ArrayList<>();
    for (String line : ORACLE.strip().split("\n")) {
      if (!line.isBlank()) {
        rows.add(line.trim().split("\\s+"));
      }
    }
    String[] header = rows.get(0);
    Map<String, String> cells = new HashMap<>();
    for (String[] row : rows.subList(1, rows.size())) {
      ClaimKind kind = ClaimKind.valueOf(row[0]);
      SignerRole role = SignerRole.valueOf(row[1].toUpperCase(Locale.ROOT));
      for (int c = 2; c < header.length; c++) {
        Relation relation = Relation.valueOf(header[c].toUpperCase(Locale.ROOT).replace('-', '_'));
        String previous = cells.put(key(kind, role, relation), row[c]);
        if (previous != null) {
          throw new IllegalStateException("the oracle has two cells for " + key(kind, role, relation));
        }
      }
    }
    return cells;
  }
}
