package dev.hearsay.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on decisions that print the decision on failure. */
final class Decisions {
  private Decisions() {}

  static void assertAllowed(Decision decision) {
    assertTrue(decision.isAllowed(), () -> "expected allow, got " + decision);
  }

  static void assertDenied(DenyReason expected, Decision decision) {
    assertTrue(decision instanceof Decision.Deny, () -> "expected deny " + expected + ", got " + decision);
    assertEquals(expected, ((Decision.Deny) decision).reason(), decision::toString);
  }
}
