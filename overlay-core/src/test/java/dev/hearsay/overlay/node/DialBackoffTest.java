package dev.hearsay.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class DialBackoffTest {
  private static final long MS = 1_000_000L;
  private static final String PEER = "127.0.0.1:7946";
  private final AtomicLong now = new AtomicLong(5_000 * MS);
  private final DialBackoff backoff = new DialBackoff(DialBackoff.UNREACHABLE, DialBackoff.REFUSED, now::get);

  @Test
  void anAddressNeverRefusedIsDialledAtOnce() {
    assertTrue(backoff.mayDial(PEER));
  }

  private void assertWaits(long[] expectedMillis, Runnable strike) {
    for (long wait : expectedMillis) {
      strike.run();
      now.addAndGet(wait * MS - 1);
      assertFalse(backoff.mayDial(PEER), "still waiting " + wait + " ms");
      now.addAndGet(1);
      assertTrue(backoff.mayDial(PEER), "free after " + wait + " ms");
    }
    assertTrue(backoff.mayDial("127.0.0.2:7946"), "other addresses are not held back");
  }

  @Test
  void anUnreachablePeerIsTriedAgainSoonDoublingUpToTenSeconds() {
    assertWaits(new long[] {500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000}, () -> backoff.unreachable(PEER));
  }

  @Test
  void aPeerThatRefusedUsIsTriedAgainSlowlyDoublingUpToAMinute() {
    assertWaits(new long[] {2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000}, () -> backoff.refused(PEER));
  }

  @Test
  void aConnectionClosedRightAfterOpeningIsARefusal() {
    long opened = now.get();
    now.addAndGet(DialBackoff.HEALTHY.toNanos() - 1);
    backoff.closed(PEER, opened);
    now.addAndGet(2_000 * MS - 1);
    assertFalse(backoff.mayDial(PEER), "refused after the handshake: wait 2 s before dialling again");
    now.addAndGet(1);
    assertTrue(backoff.mayDial(PEER));
  }

  @Test
  void aConnectionThatLivedClearsTheStrikes() {
    for (int i = 0; i < 5; i++) {
      backoff.refused(PEER);
    }
    long opened = now.get();
    now.addAndGet(DialBackoff.HEALTHY.toNanos());
    backoff.closed(PEER, opened);
    assertTrue(backoff.mayDial(PEER));
    backoff.unreachable(PEER);
    now.addAndGet(500 * MS);
    assertTrue(backoff.mayDial(PEER), "the count started over: the first wait again");
  }

  @Test
  void aPeerThatRefusesEveryConnectionIsDialledAtMostFiveTimesInAnyMinute() {
    // The guard bans an address past five handshakes a minute of identities it refused; an honest
    // node it refused must stay within that, in every minute and not only the first.
    java.util.List<Long> dials = new java.util.ArrayList<>();
    long start = now.get();
    while (now.get() < start + 300_000 * MS) {
      if (backoff.mayDial(PEER)) {
        dials.add(now.get());
        backoff.closed(PEER, now.get()); // authenticated, then closed at once by the peer
      }
      now.addAndGet(10 * MS); // the core sends far more often than that
    }
    for (int i = 0; i < dials.size(); i++) {
      long windowEnd = dials.get(i) + 60_000 * MS;
      long inWindow = dials.stream().filter(t -> t >= windowEnd - 60_000 * MS && t < windowEnd).count();
      assertTrue(inWindow <= 5, inWindow + " dials in the minute from dial " + i);
    }
    assertEquals(5, dials.stream().filter(t -> t < start + 60_000 * MS).count(), "at 0, 2, 6, 14 and 30 s");
  }

  @Test
  void onlyAFailureBeforeAnyHandshakeCountsAsUnreachable() {
    assertTrue(Router.nothingAnswered(new ConnectException("Connection refused")));
    assertTrue(Router.nothingAnswered(new ConnectTimeoutException("connection timed out")));
    assertTrue(Router.nothingAnswered(new CompletionException(new ConnectException("Connection refused"))));
    assertFalse(Router.nothingAnswered(new SSLHandshakeException("certificate_unknown")), "the peer did a handshake");
    assertFalse(Router.nothingAnswered(new ClosedChannelException()), "closed by the peer after accepting");
    assertFalse(Router.nothingAnswered(new IOException("Connection reset by peer")));
  }

  @Test
  void nonsenseSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new DialBackoff.Schedule(Duration.ZERO, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> new DialBackoff.Schedule(Duration.ofSeconds(2), Duration.ofSeconds(1)));
  }
}
