package dev.hearsay.overlay.node;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.PeerCertificateValidator;
import dev.hearsay.crypto.PeerCheckListener;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.transport.OverlayChannelInitializer;
import dev.hearsay.overlay.transport.Rejections;
import dev.hearsay.overlay.transport.Transport;
import dev.hearsay.overlay.transport.TransportConfig;
import dev.hearsay.overlay.wire.Envelope;
import dev.hearsay.overlay.wire.WireCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A peer holding a valid certificate that speaks the wire protocol but says whatever a test wants:
 * the adversary of the attack tests.
 */
public final class WireClient implements AutoCloseable {
  private final NioEventLoopGroup group = new NioEventLoopGroup(1);
  private final Transport transport;
  final Credentials credentials;
  Channel channel;

  /** What the peer sent back, oldest first; bounded (later messages are dropped when full). */
  final BlockingQueue<Envelope> received = new LinkedBlockingQueue<>(1024);

  WireClient(TestPki pki, Credentials credentials) throws Exception {
    this.credentials = credentials;
    this.transport = adversaryTransport(pki, credentials, group, received::offer);
  }

  /** The first message of {@code type} the peer sends within {@code wait}; fails the test otherwise. */
  <T extends Message> T await(Class<T> type, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      Envelope e = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (e != null && type.isInstance(e.message())) {
        return type.cast(e.message());
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " received within " + wait);
  }

  /**
   * Everything the peer sent before its first message of {@code type}, which must come within
   * {@code wait}. A peer handles one connection's messages in order, so a request followed by one
   * that is always answered shows, through this, that the first request was not answered.
   */
  List<Message> receivedBefore(Class<? extends Message> type, Duration wait) throws InterruptedException {
    List<Message> before = new ArrayList<>();
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      Envelope e = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (e != null && type.isInstance(e.message())) {
        return before;
      }
      if (e != null) {
        before.add(e.message());
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " received within " + wait + "; before it: " + before);
  }

  /**
   * A transport holding a valid certificate that speaks the wire codec and ignores whatever it is
   * told: what every adversary in the tests sends through.
   */
  public static Transport adversaryTransport(TestPki pki, Credentials credentials, EventLoopGroup group) throws Exception {
    return adversaryTransport(pki, credentials, group, envelope -> true);
  }

  /** The same, handing everything the peer says to {@code received}. */
  static Transport adversaryTransport(TestPki pki, Credentials credentials, EventLoopGroup group,
      Predicate<Envelope> received) throws Exception {
    return adversaryTransport(credentials, TestPki.DOMAIN, pki.clock, group, received);
  }

  /** The same without a test CA at hand (e.g. in a process of its own): the trust domain and clock given. */
  public static Transport adversaryTransport(Credentials credentials, String domain, java.time.Clock clock,
      EventLoopGroup group, Predicate<Envelope> received) throws Exception {
    PeerCertificateValidator validator =
        new PeerCertificateValidator(credentials.trustBundle(), domain, clock, RevocationCheck.NONE);
    return new Transport(TransportConfig.defaults(), credentials, validator, PeerCheckListener.NONE, group,
        new Rejections(new SimpleMeterRegistry(), System::nanoTime), () -> new OverlayChannelInitializer.Handlers() {
          @Override
          public ChannelHandler codec() {
            return new WireCodec(TransportConfig.defaults().maxFrameBytes());
          }

          @Override
          public ChannelHandler application() {
            return new SimpleChannelInboundHandler<Envelope>() {
              @Override
              protected void channelRead0(ChannelHandlerContext ctx, Envelope msg) {
                received.test(msg); // the adversary does what it likes with what it is told
              }
            };
          }
        });
  }

  WireClient connect(String address, NodeIdentity target) throws Exception {
    channel = transport.connect(Addresses.parse(address), target).get(10, TimeUnit.SECONDS);
    return this;
  }

  /** Sends a message under any sender name (the transport does not check outgoing names). */
  void send(NodeIdentity claimedSender, Message message) throws InterruptedException {
    channel.writeAndFlush(new Envelope(claimedSender, message)).sync();
  }

  void send(Message message) throws InterruptedException {
    send(credentials.identity(), message);
  }

  @Override
  public void close() {
    transport.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
