package dev.hearsay.overlay.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Token buckets, scores, bans and address limits on a fake clock. */
class BucketsScoresAndBansTest {
  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong now = new AtomicLong(1_000 * SECOND);

  @Test
  void aBucketAdmitsItsCapacityThenRefillsAtItsRate() {
    TokenBucket b = new TokenBucket(200, SECOND, now.get());
    for (int i = 0; i < 200; i++) {
      assertTrue(b.tryTake(1, now.get()));
    }
    assertFalse(b.tryTake(1, now.get()), "over the burst");
    now.addAndGet(SECOND / 10);
    int admitted = 0;
    while (b.tryTake(1, now.get())) {
      admitted++;
    }
    assertEquals(20, admitted, "a tenth of a second refills a tenth of the rate");
  }

  @Test
  void honestRateBelowTheLimitIsNeverRefused() {
    TokenBucket b = new TokenBucket(200, SECOND, now.get());
    for (int i = 0; i < 10_000; i++) { // 100 per second for 100 s: half the limit
      assertTrue(b.tryTake(1, now.addAndGet(SECOND / 100)));
    }
  }

  @Test
  void aDebtIsRepaidBeforeAnythingIsAdmittedAgain() {
    TokenBucket b = new TokenBucket(200, SECOND, now.get());
    b.charge(500, now.get()); // 300 in debt
    assertFalse(b.hasTokens(now.get()));
    now.addAndGet(SECOND); // +200: still 100 in debt
    assertFalse(b.hasTokens(now.get()));
    now.addAndGet(SECOND);
    assertTrue(b.hasTokens(now.get()));
  }

  @Test
  void aZeroLimitAdmitsNothing() {
    TokenBucket b = new TokenBucket(0, SECOND, now.get());
    assertFalse(b.tryTake(1, now.addAndGet(60 * SECOND)));
    assertTrue(b.tryTake(0, now.get()));
  }

  @Test
  void aScoreFallsWithPenaltiesAndRecoversWithTimeUpToTheMaximum() {
    GuardSettings s = GuardSettings.defaults();
    PeerScore score = new PeerScore(s, now.get());
    assertEquals(100, score.value(now.get()));
    assertEquals(60, score.penalize(Violation.INVALID_CLAIM.penalty() * 4, now.get()));
    now.addAndGet(10 * SECOND);
    assertEquals(80, score.value(now.get()), 1e-9);
    now.addAndGet(3600 * SECOND);
    assertEquals(100, score.value(now.get()));
    assertEquals(s.minScore(), score.penalize(1_000_000, now.get()), "bounded below, so recovery is bounded");
  }

  @Test
  void bansDoubleWithEachStrikeUpToTheMaximumAndEnd() {
    BanList<String> bans = new BanList<>(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofHours(1), 100, now::get);
    assertFalse(bans.isBanned("m"));
    assertEquals(Duration.ofSeconds(30), bans.ban("m"));
    assertTrue(bans.isBanned("m"));
    now.addAndGet(30 * SECOND);
    assertFalse(bans.isBanned("m"), "the first ban ends after 30 s");
    assertEquals(Duration.ofSeconds(60), bans.ban("m"));
    now.addAndGet(59 * SECOND);
    assertTrue(bans.isBanned("m"));
    now.addAndGet(SECOND);
    assertEquals(Duration.ofSeconds(120), bans.ban("m"));
    now.addAndGet(120 * SECOND);
    assertEquals(Duration.ofMinutes(2), bans.ban("m"), "capped");
    assertEquals(4, bans.strikes("m"));
    assertFalse(bans.isBanned("honest"));
  }

  @Test
  void strikesAreForgottenAfterTheMemory() {
    BanList<String> bans = new BanList<>(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofHours(1), 100, now::get);
    bans.ban("m");
    now.addAndGet(2 * 3600 * SECOND);
    assertEquals(Duration.ofSeconds(30), bans.ban("m"), "a ban long ago does not lengthen this one");
  }

  @Test
  void anAddressMakingTooManyAttemptsIsRefusedAndOneFailingHandshakesIsBanned() throws Exception {
    AddressGate gate = new AddressGate(GuardSettings.defaults(), now::get);
    InetAddress flooder = InetAddress.getByName("192.0.2.1");
    InetAddress honest = InetAddress.getByName("192.0.2.2");
    for (int i = 0; i < 200; i++) {
      assertEquals(AddressGate.Verdict.ADMIT, gate.onConnection(flooder));
    }
    assertEquals(AddressGate.Verdict.TOO_MANY_ATTEMPTS, gate.onConnection(flooder));
    assertEquals(AddressGate.Verdict.ADMIT, gate.onConnection(honest), "limits are per address");

    for (int i = 0; i < 20; i++) {
      assertEquals(null, gate.onHandshakeFailure(flooder));
    }
    assertEquals(Duration.ofSeconds(30), gate.onHandshakeFailure(flooder));
    now.addAndGet(SECOND);
    assertEquals(AddressGate.Verdict.BANNED, gate.onConnection(flooder));
    assertEquals(AddressGate.Verdict.ADMIT, gate.onConnection(honest));
  }

  @Test
  void anHonestNodeReconnectingNowAndThenIsNeverRefused() throws Exception {
    AddressGate gate = new AddressGate(GuardSettings.defaults(), now::get);
    InetAddress honest = InetAddress.getByName("192.0.2.2");
    for (int i = 0; i < 1_000; i++) {
      assertEquals(AddressGate.Verdict.ADMIT, gate.onConnection(honest));
      if (i % 10 == 0) {
        assertEquals(null, gate.onHandshakeFailure(honest)); // a failure every 10 s: a flaky network
      }
      now.addAndGet(SECOND);
    }
  }
}
