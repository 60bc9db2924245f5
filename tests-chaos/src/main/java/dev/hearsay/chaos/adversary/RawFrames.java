package dev.hearsay.chaos.adversary;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.OverlayTrustManager;
import dev.hearsay.crypto.PeerCertificateValidator;
import dev.hearsay.crypto.PeerCheckListener;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.crypto.TlsContexts;
import dev.hearsay.overlay.transport.TransportConfig;
import dev.hearsay.overlay.wire.WireLimits;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bad frames over a genuine mutual-TLS connection: bytes the adversary chooses, below the codec,
 * so the node's frame decoder and codec are what is tested.
 */
public final class RawFrames {
  /** Which bad frame to send. */
  public enum Kind {
    /** A length prefix one byte over the node's frame limit. */
    OVERSIZED,
    /** A frame that declares 100 bytes and ends after 2. */
    TRUNCATED,
    /** A well-framed body of random bytes. */
    GARBAGE,
    /** A frame of a protocol version the node does not speak. */
    UNKNOWN_VERSION
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final Adversary adversary;
  private final SslContext tls;

  public RawFrames(Adversary adversary) throws Exception {
    this.adversary = adversary;
    Credentials c = adversary.credentials();
    PeerCertificateValidator validator = new PeerCertificateValidator(
        c.trustBundle(), c.identity().trustDomain(), Clock.systemUTC(), RevocationCheck.NONE);
    this.tls = TlsContexts.client(c, new OverlayTrustManager(validator, c.trustBundle(), PeerCheckListener.NONE));
  }

  /** The bytes of one bad frame of {@code kind}; {@code seed} varies the garbage. */
  public static ByteBuf frame(Kind kind, long seed) {
    return switch (kind) {
      case OVERSIZED -> Unpooled.buffer().writeInt(TransportConfig.defaults().maxFrameBytes() + 1).writeZero(64);
      case TRUNCATED -> Unpooled.buffer().writeInt(100).writeByte(WireLimits.VERSION).writeByte(5);
      case GARBAGE -> {
        byte[] body = new byte[200];
        new Random(seed).nextBytes(body);
        body[0] = (byte) WireLimits.VERSION; // past the version check, into the message decoder
        yield Unpooled.buffer().writeInt(body.length).writeBytes(body);
      }
      case UNKNOWN_VERSION -> Unpooled.buffer().writeInt(3).writeByte(WireLimits.VERSION + 1).writeByte(4).writeByte(0);
    };
  }

  /**
   * Completes a handshake with the node at {@code address}, writes {@code bytes}, and reports whether
   * the node closed the connection within ten seconds. A truncated frame is followed by the
   * adversary closing its side, as a peer that stalls and gives up would.
   */
  public boolean sendAndAwaitClose(InetSocketAddress address, Kind kind, long seed) throws Exception {
    CompletableFuture<Void> handshake = new CompletableFuture<>();
    Channel ch = new Bootstrap()
        .group(adversary.group())
        .channel(NioSocketChannel.class)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel c) {
            c.pipeline().addLast(tls.newHandler(c.alloc()));
            c.pipeline().addLast(new ChannelInboundHandlerAdapter() {
              @Override
              public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt instanceof SslHandshakeCompletionEvent done) {
                  if (done.isSuccess()) {
                    handshake.complete(null);
                  } else {
                    handshake.completeExceptionally(done.cause());
                  }
                }
              }

              @Override
              public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close();
              }
            });
          }
        })
        .connect(address)
        .sync()
        .channel();
    try {
      handshake.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      ch.writeAndFlush(frame(kind, seed)).sync();
      if (kind == Kind.TRUNCATED) {
        ch.close().sync();
        return true;
      }
      return ch.closeFuture().await(TIMEOUT.toMillis());
    } finally {
      ch.close();
    }
  }
}
