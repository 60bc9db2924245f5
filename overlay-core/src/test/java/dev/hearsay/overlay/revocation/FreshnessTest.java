package dev.hearsay.overlay.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.IssueRequest;
import dev.hearsay.crypto.KeyMaterial;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.registry.log.LogPosition;
import dev.hearsay.registry.log.SignedHead;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FreshnessTest {
  private final TestPki pki = new TestPki();
  private final KeyMaterial registryKey = pki.ca.issueWithNewKey(IssueRequest.of(NodeIdentity.registry(TestPki.DOMAIN, "r1")));
  private final NodeIdentity member = NodeIdentity.node(TestPki.DOMAIN, "blue", "member");
  private final NodeIdentity newcomer = NodeIdentity.node(TestPki.DOMAIN, "blue", "newcomer");

  @Test
  void noHeadIsStaleAndAHeadTurnsStaleAfterTheMaximum() {
    AtomicReference<SignedHead> head = new AtomicReference<>();
    Freshness f = new Freshness(head::get, pki.clock, Duration.ofMinutes(1), StalenessPolicy.OPEN);
    assertTrue(f.stale());
    assertTrue(Double.isNaN(f.headAgeSeconds()));

    head.set(SignedHead.sign(LogPosition.GENESIS, pki.clock.instant(), registryKey));
    assertFalse(f.stale());
    pki.clock.advance(Duration.ofSeconds(59));
    assertFalse(f.stale());
    pki.clock.advance(Duration.ofSeconds(2));
    assertTrue(f.stale());
    assertEquals(61, Math.floor(f.headAgeSeconds()));
  }

  @Test
  void theClosedGateRefusesOnlyNewNodesAndOnlyWhileStale() {
    AtomicReference<SignedHead> head = new AtomicReference<>(SignedHead.sign(LogPosition.GENESIS, pki.clock.instant(), registryKey));
    RevocationCheck closed = new Freshness(head::get, pki.clock, Duration.ofMinutes(1), StalenessPolicy.CLOSED).closedGate(member::equals);
    RevocationCheck open = new Freshness(head::get, pki.clock, Duration.ofMinutes(1), StalenessPolicy.OPEN).closedGate(member::equals);
    assertTrue(closed.revocationReason(null, newcomer).isEmpty());

    pki.clock.advance(Duration.ofMinutes(2));
    assertTrue(closed.revocationReason(null, newcomer).isPresent());
    assertTrue(closed.revocationReason(null, member).isEmpty());
    assertTrue(closed.revocationReason(null, NodeIdentity.operator(TestPki.DOMAIN, "alice")).isEmpty());
    assertTrue(open.revocationReason(null, newcomer).isEmpty());

    head.set(SignedHead.sign(LogPosition.GENESIS, pki.clock.instant(), registryKey));
    assertTrue(closed.revocationReason(null, newcomer).isEmpty());
  }

  @Test
  void backoffDoublesUpToItsBoundWithJitterInTheUpperHalf() {
    Backoff b = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), new SplittableRandom(7));
    for (int failures = 1; failures < 100; failures++) {
      long nominal = Math.min(30_000, 200L << Math.min(failures - 1, 20));
      long ms = b.after(failures).toMillis();
      assertTrue(ms >= nominal / 2 && ms <= nominal, failures + " failures: " + ms + " ms, nominal " + nominal);
    }
  }
}
