package dev.hearsay.overlay.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.overlay.node.Node;
import dev.hearsay.overlay.node.NodeConfig;
import dev.hearsay.overlay.transport.RawTlsClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Before the handshake, over real TLS: an address that keeps failing handshakes (a client of
 * another CA) is banned, and its next connections are refused on accept (held unread, then closed),
 * whoever they are, before any TLS work; an
 * address whose handshakes succeed is never limited that way.
 */
class AddressGuardTest {
  private final TestPki pki = new TestPki();
  private final NioEventLoopGroup group = new NioEventLoopGroup(1);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private Node t;
  private InetSocketAddress address;

  @BeforeEach
  void start() throws Exception {
    t = Node.start(NodeConfig.loopback(pki.node("blue", "t"), List.of()), registry, RevocationCheck.NONE);
    String a = t.address();
    address = new InetSocketAddress(a.substring(0, a.lastIndexOf(':')), Integer.parseInt(a.substring(a.lastIndexOf(':') + 1)));
  }

  @AfterEach
  void stop() {
    t.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void anAddressFailingHandshakesIsBannedAndThenClosedOnAccept() throws Exception {
    TestPki outsider = new TestPki(); // another CA: every handshake with T fails
    long failures = t.guard().settings().addressHandshakeFailuresPerMinute();
    for (int i = 0; i <= failures; i++) {
      assertThrows(Exception.class, () -> RawTlsClient.connect(group, outsider, outsider.node("blue", "x"), address));
    }
    InetAddress loopback = address.getAddress();
    awaitTrue(() -> t.guard().actions("banned_address") == 1, "the ban to be counted");
    assertTrue(t.guard().isBanned(loopback));
    double failedHandshakes = failedHandshakes();
    assertEquals(failures + 1, failedHandshakes, "each failed handshake counted once");

    // While the address is banned, its connections are held unread (a tarpit), up to a bound per
    // address, then closed at once; no TLS work is done for any of them.
    int held = t.guard().settings().tarpit().perAddress();
    List<java.net.Socket> sockets = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < held; i++) {
        java.net.Socket s = helloFrom(address);
        sockets.add(s);
        assertThrows(java.net.SocketTimeoutException.class, () -> s.getInputStream().read(), "held: no answer, not closed");
      }
      java.net.Socket over = helloFrom(address);
      sockets.add(over);
      assertTrue(closedByPeer(over), "past the bound: closed at once");
    } finally {
      for (java.net.Socket s : sockets) {
        s.close();
      }
    }
    assertThrows(Exception.class, () -> RawTlsClient.connect(group, pki, pki.node("blue", "honest"), address),
        "even a valid certificate gets no handshake");
    assertEquals(held + 2, t.guard().actions("refused_banned_address"));
    assertEquals(failedHandshakes, failedHandshakes(), "refused before any TLS work: no handshake was even started");
  }

  @Test
  void anHonestNodeTheGuardBannedRedialsOnItsBackOffAndNeverGetsItsAddressBanned() throws Exception {
    var who = pki.node("blue", "x");
    Node x = Node.start(NodeConfig.loopback(who, List.of(t.address())), new SimpleMeterRegistry(), RevocationCheck.NONE);
    try {
      awaitTrue(() -> t.view().statusOf(who.identity().uri()) == dev.hearsay.overlay.core.Status.ALIVE, "X to join T");
      // Its identity floods T from another host (a stolen key, or a bug elsewhere): T bans the identity.
      try (Flooder flooder = new Flooder(pki, who)) {
        flooder.flood(address, t.identity(), java.time.Duration.ofSeconds(2), Floods.validFrames(t.identity().uri()));
      }
      assertTrue(t.guard().isBanned(who.identity()));
      // X itself keeps probing and gossiping to T several times a second, and is refused after each
      // handshake; its dial back-off keeps the handshakes it costs T few.
      double before = t.guard().actions("refused_banned_identity");
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      awaitTrue(() -> System.nanoTime() - end >= 0, "five seconds of X redialling");
      double refused = t.guard().actions("refused_banned_identity") - before;
      assertTrue(refused >= 1 && refused <= 5,
          "a few in 5 s (X's dials at 0, 2 and 6 s, and T's own dials of X), not several a second: " + refused);
      assertFalse(t.guard().isBanned(java.net.InetAddress.getByName(x.address().substring(0, x.address().lastIndexOf(':')))),
          "X's own address is not banned");
    } finally {
      x.close();
    }
  }

  /** A plain TCP connection to {@code address} that sends the start of a TLS record, reading with a short timeout. */
  private static java.net.Socket helloFrom(InetSocketAddress address) throws java.io.IOException {
    java.net.Socket s = new java.net.Socket();
    s.connect(address, 2_000);
    s.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 1, 0, 0, 1, 0});
    s.setSoTimeout(500);
    return s;
  }

  private static boolean closedByPeer(java.net.Socket s) {
    try {
      return s.getInputStream().read() == -1;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (java.io.IOException e) {
      return true; // reset
    }
  }

  private double failedHandshakes() {
    var c = registry.find("hearsay.transport.rejections").tag("reason", "handshake_failed").counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void anAddressWhoseHandshakesSucceedIsNotLimited() throws Exception {
    var honest = pki.node("blue", "honest");
    for (int i = 0; i < 30; i++) { // more than the failures allowed, all successful
      RawTlsClient c = RawTlsClient.connect(group, pki, honest, address);
      c.channel.close().sync();
    }
    assertFalse(t.guard().isBanned(address.getAddress()));
    assertEquals(0, t.guard().actions("refused_connection_rate") + t.guard().actions("banned_address"));
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out waiting for " + what);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }
}
