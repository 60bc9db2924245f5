package dev.hearsay.overlay.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.PeerCertificateValidator;
import dev.hearsay.crypto.PeerCheckListener;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.crypto.TestPki;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transport over real sockets and real mutual TLS: honest frames reach the application with
 * the TLS-proven sender; frames naming another sender, oversized, truncated or garbage frames and
 * extra connections are refused, counted, and never reach it.
 */
class TransportTest {
  private static final long TIMEOUT_SECONDS = 10;

  private final TestPki pki = new TestPki();
  private final Credentials server = pki.node("blue", "server");
  private final Credentials alice = pki.node("blue", "alice");
  private final Credentials bob = pki.node("blue", "bob");
  private EventLoopGroup group;
  private Transport serverTransport;
  private InetSocketAddress serverAddress;
  private final BlockingQueue<TestMessage> delivered = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() throws Exception {
    group = new NioEventLoopGroup(2);
    serverTransport = transport(server, delivered, TransportConfig.defaults());
    serverAddress = serverTransport.bind(new InetSocketAddress("127.0.0.1", 0));
  }

  @AfterEach
  void stop() {
    serverTransport.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void honestFrameReachesTheApplicationWithItsTlsIdentity() throws Exception {
    Transport client = transport(alice, new LinkedBlockingQueue<>(), TransportConfig.defaults());
    Channel ch = client.connect(serverAddress, server.identity()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

    assertTrue(client.connections().send(server.identity(), new TestMessage(alice.identity(), "hello")));

    TestMessage got = delivered.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    assertEquals(new TestMessage(alice.identity(), "hello"), got);
    await(() -> serverTransport.connections().channelFor(alice.identity()) != null, "server registers alice");
    assertTrue(ch.isActive());
  }

  @Test
  void aNodeListeningOnALoopbackAddressDialsLoopbackPeersFromIt() throws Exception {
    Transport client = transport(alice, new LinkedBlockingQueue<>(), TransportConfig.defaults());
    try {
      client.bind(new InetSocketAddress("127.0.0.2", 0));
      Channel ch = client.connect(serverAddress, server.identity()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      assertEquals("127.0.0.2", ((InetSocketAddress) ch.localAddress()).getAddress().getHostAddress(),
          "the server's per-address limits see alice's address, not one shared by every local node");
      assertEquals(null, client.dialingFrom(new InetSocketAddress("192.0.2.1", 7000)), "elsewhere the system picks");
    } finally {
      client.close();
    }
  }

  @Test
  void connectionWorksInBothDirections() throws Exception {
    BlockingQueue<TestMessage> aliceInbox = new LinkedBlockingQueue<>();
    Transport client = transport(alice, aliceInbox, TransportConfig.defaults());
    client.connect(serverAddress, server.identity()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    await(() -> serverTransport.connections().channelFor(alice.identity()) != null, "server registers alice");

    assertTrue(serverTransport.connections().send(alice.identity(), new TestMessage(server.identity(), "back")));
    assertEquals("back", aliceInbox.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS).text());
  }

  @Test
  void frameNamingAnotherSenderClosesTheConnection() throws Exception {
    RawTlsClient raw = RawTlsClient.connect(group, pki, alice, serverAddress);
    raw.send(frame(TestMessage.encode(Unpooled.buffer(), bob.identity().uri(), "I am bob")));

    raw.awaitClosed();
    assertNull(delivered.poll(200, TimeUnit.MILLISECONDS));
    assertEquals(1.0, serverTransport.rejections().count(RejectReason.SENDER_MISMATCH));
  }

  @Test
  void frameOverTheSizeLimitClosesTheConnection() throws Exception {
    RawTlsClient raw = RawTlsClient.connect(group, pki, alice, serverAddress);
    ByteBuf huge = Unpooled.buffer().writeInt(TransportConfig.defaults().maxFrameBytes() + 1).writeZero(1024);
    raw.send(huge);

    raw.awaitClosed();
    assertNull(delivered.poll(200, TimeUnit.MILLISECONDS));
    assertEquals(1.0, serverTransport.rejections().count(RejectReason.FRAME_TOO_LARGE));
  }

  @Test
  void garbageFrameIsRejectedAsMalformed() throws Exception {
    RawTlsClient raw = RawTlsClient.connect(group, pki, alice, serverAddress);
    raw.send(frame(Unpooled.buffer().writeShort(60_000).writeBytes(new byte[] {1, 2, 3})));

    raw.awaitClosed();
    assertEquals(1.0, serverTransport.rejections().count(RejectReason.MALFORMED_FRAME));
  }

  @Test
  void truncatedFrameDeliversNothingAndTheServerKeepsServing() throws Exception {
    RawTlsClient raw = RawTlsClient.connect(group, pki, alice, serverAddress);
    ByteBuf whole = frame(TestMessage.encode(Unpooled.buffer(), alice.identity().uri(), "cut short"));
    raw.send(whole.retainedSlice(0, whole.readableBytes() - 3));
    whole.release();
    raw.channel.close().sync();

    assertNull(delivered.poll(200, TimeUnit.MILLISECONDS));
    Transport honest = transport(bob, new LinkedBlockingQueue<>(), TransportConfig.defaults());
    honest.connect(serverAddress, server.identity()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    assertTrue(honest.connections().send(server.identity(), new TestMessage(bob.identity(), "still here")));
    assertEquals("still here", delivered.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS).text());
  }

  @Test
  void connectionsBeyondThePerIdentityCapAreClosed() throws Exception {
    TransportConfig two = new TransportConfig(64 * 1024, 2, Duration.ofSeconds(60), Duration.ofSeconds(3), Duration.ofSeconds(5), 64 * 1024, 512 * 1024);
    serverTransport.close();
    serverTransport = transport(server, delivered, two);
    serverAddress = serverTransport.bind(new InetSocketAddress("127.0.0.1", 0));

    RawTlsClient first = RawTlsClient.connect(group, pki, alice, serverAddress);
    RawTlsClient second = RawTlsClient.connect(group, pki, alice, serverAddress);
    await(() -> serverTransport.connections().connectionCount(alice.identity()) == 2, "two connections registered");
    RawTlsClient third = RawTlsClient.connect(group, pki, alice, serverAddress);

    third.awaitClosed();
    assertEquals(1.0, serverTransport.rejections().count(RejectReason.TOO_MANY_CONNECTIONS));
    assertTrue(first.channel.isActive() && second.channel.isActive());
    RawTlsClient otherIdentity = RawTlsClient.connect(group, pki, bob, serverAddress);
    await(() -> serverTransport.connections().connectionCount(bob.identity()) == 1, "bob is not limited by alice's cap");
    assertTrue(otherIdentity.channel.isActive());
  }

  @Test
  void aCapSetPerIdentityLimitsThatIdentityOnly() throws Exception {
    serverTransport.connections().capBy(peer -> peer.equals(alice.identity()) ? 1 : 3);
    RawTlsClient first = RawTlsClient.connect(group, pki, alice, serverAddress);
    await(() -> serverTransport.connections().connectionCount(alice.identity()) == 1, "alice's first connection registered");
    RawTlsClient second = RawTlsClient.connect(group, pki, alice, serverAddress);
    second.awaitClosed();
    assertEquals(1.0, serverTransport.rejections().count(RejectReason.TOO_MANY_CONNECTIONS));
    assertTrue(first.channel.isActive());

    for (int i = 0; i < 3; i++) {
      RawTlsClient.connect(group, pki, bob, serverAddress);
    }
    await(() -> serverTransport.connections().connectionCount(bob.identity()) == 3, "bob's three connections registered");
    assertEquals(1.0, serverTransport.rejections().count(RejectReason.TOO_MANY_CONNECTIONS));
  }

  @Test
  void connectingToAnAddressHeldByAnotherNodeFails() throws Exception {
    Transport client = transport(alice, new LinkedBlockingQueue<>(), TransportConfig.defaults());
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> client.connect(serverAddress, bob.identity()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    assertTrue(e.getCause().getMessage().contains("closed before the peer was authenticated"), e.getCause().toString());
    assertEquals(1.0, client.rejections().count(RejectReason.UNEXPECTED_PEER));
  }

  @Test
  void disconnectClosesEveryConnectionOfAPeer() throws Exception {
    RawTlsClient a1 = RawTlsClient.connect(group, pki, alice, serverAddress);
    RawTlsClient a2 = RawTlsClient.connect(group, pki, alice, serverAddress);
    await(() -> serverTransport.connections().connectionCount(alice.identity()) == 2, "both registered");

    serverTransport.connections().disconnect(alice.identity());

    a1.awaitClosed();
    a2.awaitClosed();
    assertFalse(serverTransport.connections().send(alice.identity(), new TestMessage(server.identity(), "x")));
  }

  private Transport transport(Credentials who, BlockingQueue<TestMessage> inbox, TransportConfig config) throws Exception {
    PeerCertificateValidator validator =
        new PeerCertificateValidator(who.trustBundle(), TestPki.DOMAIN, pki.clock, RevocationCheck.NONE);
    return new Transport(config, who, validator, PeerCheckListener.NONE, group,
        new Rejections(new SimpleMeterRegistry(), System::nanoTime), () -> handlers(inbox));
  }

  private static OverlayChannelInitializer.Handlers handlers(BlockingQueue<TestMessage> inbox) {
    return new OverlayChannelInitializer.Handlers() {
      @Override
      public ChannelHandler codec() {
        return new TestMessage.Codec();
      }

      @Override
      public ChannelHandler application() {
        return new SimpleChannelInboundHandler<TestMessage>() {
          @Override
          protected void channelRead0(ChannelHandlerContext ctx, TestMessage msg) {
            inbox.add(msg);
          }
        };
      }
    };
  }

  private static ByteBuf frame(ByteBuf body) {
    ByteBuf f = Unpooled.buffer().writeInt(body.readableBytes()).writeBytes(body);
    body.release();
    return f;
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }
}
