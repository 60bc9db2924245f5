package dev.hearsay.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DialBackoffTest {
  private static final long MS = 1_000_000L;
  private static final String PEER = "127.0.0.1:7946";
  private final AtomicLong now = new AtomicLong(5_000 * MS);
  private final DialBackoff backoff = new DialBackoff(Duration.ofMillis(500), Duration.ofSeconds(10), now::get);

  @Test
  void anAddressNeverRefusedIsDialledAtOnce() {
    assertTrue(backoff.mayDial(PEER));
  }

  @Test
  void eachFailedDialDoublesTheWaitUpToTheMaximum() {
    long[] expectedMillis = {500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000};
    for (long wait : expectedMillis) {
      backoff.failed(PEER);
      now.addAndGet(wait * MS - 1);
      assertFalse(backoff.mayDial(PEER), "still waiting " + wait + " ms");
      now.addAndGet(1);
      assertTrue(backoff.mayDial(PEER), "free after " + wait + " ms");
    }
    assertTrue(backoff.mayDial("127.0.0.2:7946"), "other addresses are not held back");
  }

  @Test
  void aConnectionClosedRightAfterOpeningIsAStrike() {
    long opened = now.get();
    now.addAndGet(DialBackoff.HEALTHY.toNanos() - 1);
    backoff.closed(PEER, opened);
    assertFalse(backoff.mayDial(PEER), "refused after the handshake: wait before dialling again");
  }

  @Test
  void aConnectionThatLivedClearsTheStrikes() {
    for (int i = 0; i < 5; i++) {
      backoff.failed(PEER);
    }
    long opened = now.get();
    now.addAndGet(DialBackoff.HEALTHY.toNanos());
    backoff.closed(PEER, opened);
    assertTrue(backoff.mayDial(PEER));
    backoff.failed(PEER);
    now.addAndGet(500 * MS);
    assertTrue(backoff.mayDial(PEER), "the count started over: the first wait again");
  }

  @Test
  void aPeerThatRefusesEveryConnectionIsDialledAboutTenTimesInItsFirstMinute() {
    // The guard bans an address past 20 wasted handshakes a minute; an honest node must stay well below.
    int dials = 0;
    long end = now.get() + 60_000 * MS;
    while (now.get() < end) {
      if (backoff.mayDial(PEER)) {
        dials++;
        backoff.closed(PEER, now.get()); // authenticated, then closed at once by the peer
      }
      now.addAndGet(10 * MS); // the core sends far more often than that
    }
    assertEquals(10, dials);
  }

  @Test
  void nonsenseSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new DialBackoff(Duration.ZERO, Duration.ofSeconds(1), now::get));
    assertThrows(IllegalArgumentException.class, () -> new DialBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), now::get));
  }
}
