package dev.hearsay.overlay.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.NodeIdentity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class PeerConnectionsTest {
  private static final NodeIdentity PEER = NodeIdentity.parse("spiffe://example.org/tenant/blue/node/peer");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final PeerConnections connections = new PeerConnections(4, new Rejections(registry, System::nanoTime));

  private EmbeddedChannel authenticated() {
    EmbeddedChannel ch = new EmbeddedChannel(connections.tracker());
    ch.attr(PeerChannels.PEER).set(PEER);
    ch.pipeline().fireUserEventTriggered(new PeerAuthenticated(PEER));
    return ch;
  }

  private double silentClosed() {
    var c = registry.find("hearsay.transport.rejections").tag("reason", "silent_connection").counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void aConnectionSilentSinceTheUnansweredProbeIsClosedAndCounted() {
    EmbeddedChannel ch = authenticated();
    long probeSent = System.nanoTime() + 1; // strictly after anything the connection delivered

    assertEquals(1, connections.closeSilent(PEER, probeSent));
    assertFalse(ch.isOpen());
    assertEquals(1.0, silentClosed());
    assertEquals(0, connections.connectionCount(PEER));
  }

  @Test
  void aConnectionThatDeliveredBytesAfterTheProbeWasSentStays() {
    EmbeddedChannel ch = authenticated();
    long probeSent = System.nanoTime();
    ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {1}));

    assertEquals(0, connections.closeSilent(PEER, probeSent));
    assertTrue(ch.isOpen());
    assertEquals(0.0, silentClosed());
    assertEquals(1, connections.connectionCount(PEER));
  }

  @Test
  void aPeerWithoutConnectionsHasNothingToClose() {
    assertEquals(0, connections.closeSilent(PEER, System.nanoTime()));
  }
}
