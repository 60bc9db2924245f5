package dev.hearsay.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.Role;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Invariant 2 at the level of a single decision: however the evidence of a DEAD claim is made up
 * (repeats, revoked or unknown signers, other tenants, registries, operators, the subject itself), it
 * is allowed exactly when at least {@code k} distinct valid nodes of the subject's tenant, other than
 * the subject, signed it.
 */
class QuorumPropertyTest {
  private static final NodeIdentity SUBJECT = Ids.node("blue", "subject");

  @Property(tries = 300)
  void deadIsAllowedExactlyWithKDistinctAuthorizedAccusers(
      @ForAll("signers") @Size(max = 12) List<Principal> evidence, @ForAll @IntRange(min = 1, max = 4) int k) {
    Authorizer authorizer =
        new Authorizer(Policy.builder().accusers(new AccuserPolicy(AccuserMode.SAME_TENANT, k, 0)).build());

    Decision decision =
        authorizer.decide(
            Principal.valid(Ids.BLUE_1), ClaimAttempt.dead(SUBJECT), DecisionContext.none().withDeadEvidence(evidence));

    assertEquals(countHonestlyAuthorized(evidence) >= k, decision.isAllowed(), decision::toString);
    Statistics.label("allowed").collect(decision.isAllowed());
    // Both outcomes must be exercised, or the property would pass without checking anything.
    Statistics.label("allowed").coverage(c -> {
      c.check(true).percentage(p -> p > 10);
      c.check(false).percentage(p -> p > 10);
    });
  }

  /** The rule, restated independently: distinct valid nodes of blue that are not the subject. */
  private static int countHonestlyAuthorized(List<Principal> evidence) {
    Set<String> distinct = new HashSet<>();
    for (Principal p : evidence) {
      NodeIdentity id = p.identity();
      if (p.status() == PrincipalStatus.VALID
          && id.role() == Role.NODE
          && id.tenant().orElseThrow().equals("blue")
          && !id.equals(SUBJECT)) {
        distinct.add(id.uri());
      }
    }
    return distinct.size();
  }

  @Provide
  Arbitrary<List<Principal>> signers() {
    Arbitrary<NodeIdentity> identities =
        Arbitraries.oneOf(
            Arbitraries.of("a", "b", "c", "d", "e").map(n -> Ids.node("blue", n)),
            Arbitraries.of("a", "b").map(n -> Ids.node("red", n)),
            Arbitraries.of(SUBJECT, Ids.REGISTRY, Ids.OPERATOR));
    Arbitrary<PrincipalStatus> statuses =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, Arbitraries.just(PrincipalStatus.VALID)),
            net.jqwik.api.Tuple.of(1, Arbitraries.of(PrincipalStatus.class)));
    return Combinators.combine(identities, statuses).as(Principal::of).list();
  }
}
