package dev.hearsay.chaos.adversary;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.PeerCertificateValidator;
import dev.hearsay.crypto.PeerCheckListener;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.overlay.core.Ack;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.Ping;
import dev.hearsay.overlay.transport.OverlayChannelInitializer;
import dev.hearsay.overlay.transport.Rejections;
import dev.hearsay.overlay.transport.Transport;
import dev.hearsay.overlay.transport.TransportConfig;
import dev.hearsay.overlay.wire.Envelope;
import dev.hearsay.overlay.wire.WireCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * The product's mutual-TLS transport and wire codec in the adversary's hands: no peer guard, no
 * claim checks, no sender check on what it sends. It answers pings about itself, so honest nodes
 * keep it ALIVE while it attacks, as a real insider would; everything else it is told is only recorded.
 */
final class AdversaryTransport {
  private AdversaryTransport() {}

  static Transport create(Credentials credentials, EventLoopGroup group, java.util.function.Consumer<Envelope> heard)
      throws SSLException {
    NodeIdentity self = credentials.identity();
    MemberId selfId = MemberId.parse(self.uri());
    PeerCertificateValidator validator = new PeerCertificateValidator(
        credentials.trustBundle(), self.trustDomain(), Clock.systemUTC(), RevocationCheck.NONE);
    TransportConfig config = TransportConfig.defaults();
    return new Transport(config, credentials, validator, PeerCheckListener.NONE, group,
        new Rejections(new SimpleMeterRegistry(), System::nanoTime), () -> new OverlayChannelInitializer.Handlers() {
          @Override
          public ChannelHandler codec() {
            return new WireCodec(config.maxFrameBytes());
          }

          @Override
          public ChannelHandler application() {
            return new PingResponder(self, selfId, heard);
          }
        });
  }

  /** Acks pings addressed to the adversary, on the connection they came on, and hands on everything it hears. */
  private static final class PingResponder extends SimpleChannelInboundHandler<Envelope> {
    private final NodeIdentity self;
    private final MemberId selfId;
    private final java.util.function.Consumer<Envelope> heard;

    PingResponder(NodeIdentity self, MemberId selfId, java.util.function.Consumer<Envelope> heard) {
      this.self = self;
      this.selfId = selfId;
      this.heard = heard;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Envelope msg) {
      heard.accept(msg);
      if (msg.message() instanceof Ping ping && ping.target().equals(selfId)) {
        ctx.writeAndFlush(new Envelope(self, new Ack(ping.seq(), selfId, List.of())));
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
