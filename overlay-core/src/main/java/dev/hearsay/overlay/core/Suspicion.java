package dev.hearsay.overlay.core;

import java.util.ArrayList;
import java.util.List;

/**
 * One node's running suspicion of one subject at one incarnation: the distinct accusations received, and a
 * deadline that starts at the maximum timeout and shrinks as independent accusers confirm (Lifeguard).
 */
final class Suspicion {

  private final long incarnation;
  private final long startedAt;
  private final long min;
  private final long max;
  private final int expectedConfirmations;
  private final List<Suspect> accusations = new ArrayList<>(4);

  Suspicion(Suspect first, long startedAt, long min, long max, int expectedConfirmations) {
    this.incarnation = first.incarnation();
    this.startedAt = startedAt;
    this.min = min;
    this.max = max;
    this.expectedConfirmations = expectedConfirmations;
    accusations.add(first);
  }

  long incarnation() {
    return incarnation;
  }

  /** Adds an accusation; false if this accuser already accused this incarnation. */
  boolean confirm(Suspect s) {
    for (Suspect a : accusations) {
      if (a.accuser().equals(s.accuser())) {
        return false;
      }
    }
    accusations.add(s);
    return true;
  }

  boolean hasAccused(MemberId accuser) {
    for (Suspect a : accusations) {
      if (a.accuser().equals(accuser)) {
        return true;
      }
    }
    return false;
  }

  /** Takes back {@code accuser}'s accusation (its identity was revoked); false if it had made none. */
  boolean withdraw(MemberId accuser) {
    return accusations.removeIf(a -> a.accuser().equals(accuser));
  }

  /** The earliest accusation still standing, or null when none is left. */
  Suspect first() {
    return accusations.isEmpty() ? null : accusations.get(0);
  }

  int accusers() {
    return accusations.size();
  }

  /**
   * When this suspicion runs out, stretched by this node's own local-health score: a node that is itself
   * unhealthy hears refutations late, so it waits longer before declaring anyone DEAD.
   */
  long deadline(int awarenessScore) {
    long timeout = Formulas.suspicionTimeout(accusations.size() - 1, expectedConfirmations, min, max);
    return startedAt + Formulas.awarenessScaledTimeout(timeout, awarenessScore);
  }

  /** The first {@code k} accusations: the evidence of a DEAD declaration. */
  List<Claim> evidence(int k) {
    return List.copyOf(accusations.subList(0, Math.min(k, accusations.size())));
  }
}
