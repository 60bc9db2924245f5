package dev.hearsay.authz;

import dev.hearsay.crypto.NodeIdentity;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Facts about the subject that the caller knows and authz does not keep: its assigned monitors (only
 * read when the policy's accuser mode is {@code monitors}; compute them with
 * {@link Authorizer#monitorsOf}) and, for a DEAD claim, the signers of the SUSPECT claims offered as
 * evidence, each with the status of its certificate.
 *
 * @param subjectMonitors the nodes allowed to accuse the subject in {@code monitors} mode
 * @param deadEvidence the signers of the evidence of a DEAD claim; duplicates count once
 */
public record DecisionContext(Set<NodeIdentity> subjectMonitors, List<Principal> deadEvidence) {

  private static final DecisionContext NONE = new DecisionContext(Set.of(), List.of());

  public DecisionContext {
    subjectMonitors = Set.copyOf(Objects.requireNonNull(subjectMonitors, "subjectMonitors"));
    deadEvidence = List.copyOf(Objects.requireNonNull(deadEvidence, "deadEvidence"));
  }

  /** No monitors and no evidence: enough for every kind but SUSPECT in monitors mode and DEAD. */
  public static DecisionContext none() {
    return NONE;
  }

  public DecisionContext withMonitors(Set<NodeIdentity> monitors) {
    return new DecisionContext(monitors, deadEvidence);
  }

  public DecisionContext withDeadEvidence(List<Principal> signers) {
    return new DecisionContext(subjectMonitors, signers);
  }
}
