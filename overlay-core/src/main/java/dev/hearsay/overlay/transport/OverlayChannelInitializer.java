package dev.hearsay.overlay.transport;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.PeerCertificateValidator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one place the handler order is written down, for accepted and opened connections alike:
 *
 * <pre>
 *   (accepted connections are first admitted by address, or closed unregistered: {@link AcceptFilter})
 *   tls → flush consolidation → identity → connections → idle → frame decoder (length-prefixed, max size) → frame encoder
 *       → traffic meters → codec → sender check → peer limits → application → errors
 * </pre>
 *
 * The peer identity comes from the handshake ({@link IdentityBindingHandler}), never from a frame.
 */
public final class OverlayChannelInitializer extends ChannelInitializer<SocketChannel> {
  /** Builds the per-connection handlers that differ between users of the transport. */
  public interface Handlers {
    /** Decodes frames (ByteBuf) into {@link SenderNamed} messages and encodes outgoing messages. */
    ChannelHandler codec();

    /** Per-peer limits in front of the application; may return null while there are none. */
    default ChannelHandler peerGuard() {
      return null;
    }

    /**
     * An accepted connection, before it is registered or any of its handlers is built: admitted,
     * closed at once, or taken (held and closed later by whoever took it) ({@link AcceptFilter}). A
     * peer refused here (a banned or over-eager address) costs no TLS engine, no handshake and no
     * failed handshake to report; built and then closed, each refusal had cost about a quarter of a
     * full handshake.
     */
    default AcceptVerdict admitAccepted(Channel ch) {
      return AcceptVerdict.ADMIT;
    }

    ChannelHandler application();
  }

  private final SslContext tls;
  private final PeerCertificateValidator validator;
  private final boolean accepted;
  private final NodeIdentity expectedPeer;
  private final TransportConfig config;
  private final Rejections rejections;
  private final Supplier<Handlers> handlers;
  private final PeerConnections connections;
  private final CompletableFuture<Channel> authenticated;
  private TrafficMeters traffic;

  /** For accepted connections. */
  public OverlayChannelInitializer(
      SslContext tls,
      PeerCertificateValidator validator,
      TransportConfig config,
      Rejections rejections,
      PeerConnections connections,
      Supplier<Handlers> handlers) {
    this(tls, validator, true, null, config, rejections, connections, handlers, null);
  }

  /**
   * For a connection this node opens: {@code authenticated} completes with the channel once the
   * peer is authenticated, or fails when the connection closes before that.
   */
  public OverlayChannelInitializer(
      SslContext tls,
      PeerCertificateValidator validator,
      NodeIdentity expectedPeer,
      TransportConfig config,
      Rejections rejections,
      PeerConnections connections,
      Supplier<Handlers> handlers,
      CompletableFuture<Channel> authenticated) {
    this(tls, validator, false, expectedPeer, config, rejections, connections, handlers, authenticated);
  }

  private OverlayChannelInitializer(
      SslContext tls,
      PeerCertificateValidator validator,
      boolean accepted,
      NodeIdentity expectedPeer,
      TransportConfig config,
      Rejections rejections,
      PeerConnections connections,
      Supplier<Handlers> handlers,
      CompletableFuture<Channel> authenticated) {
    this.tls = tls;
    this.validator = validator;
    this.accepted = accepted;
    this.expectedPeer = expectedPeer;
    this.config = config;
    this.rejections = rejections;
    this.handlers = handlers;
    this.connections = connections;
    this.authenticated = authenticated;
  }

  /** Counts frames and bytes of every connection this initializer sets up. */
  public OverlayChannelInitializer withTraffic(TrafficMeters meters) {
    this.traffic = meters;
    return this;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    Handlers h = handlers.get();
    SslHandler ssl = tls.newHandler(ch.alloc());
    ssl.setHandshakeTimeoutMillis(config.handshakeTimeout().toMillis());
    ChannelPipeline p = ch.pipeline();
    p.addLast("tls", ssl);
    // Flushes made while the peer's frames are being read (answers to a burst of pings, the frames of a
    // split join answer) go out together at the end of the read: one TLS record and one write instead
    // of one each. Flushes outside a read (this node's own gossip and probes) go at once.
    p.addLast("flush-consolidation", new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, false));
    p.addLast("identity", new IdentityBindingHandler(
        validator,
        accepted ? PeerCertificateValidator.Purpose.CLIENT : PeerCertificateValidator.Purpose.SERVER,
        expectedPeer,
        rejections));
    p.addLast("connections", connections.tracker());
    if (authenticated != null) {
      p.addLast("authenticated", new AuthenticatedNotifier(authenticated));
      ch.closeFuture().addListener(f -> authenticated.completeExceptionally(
          new java.io.IOException("connection to " + ch.remoteAddress() + " closed before the peer was authenticated")));
    }
    p.addLast("idle", new IdleStateHandler(0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
    p.addLast("frame-decoder", new LengthFieldBasedFrameDecoder(
        config.maxFrameBytes(), 0, TransportConfig.LENGTH_FIELD_BYTES, 0, TransportConfig.LENGTH_FIELD_BYTES, true));
    p.addLast("frame-encoder", new LengthFieldPrepender(TransportConfig.LENGTH_FIELD_BYTES));
    if (traffic != null) {
      p.addLast("traffic", traffic.handler());
    }
    p.addLast("codec", h.codec());
    p.addLast("sender-check", new SenderCheckHandler(rejections));
    ChannelHandler guard = h.peerGuard();
    if (guard != null) {
      p.addLast("peer-guard", guard);
    }
    p.addLast("application", h.application());
    p.addLast("errors", new TransportErrorHandler(rejections));
  }

  /** Completes an outbound connection's future once its peer is authenticated, then leaves. */
  private static final class AuthenticatedNotifier extends ChannelInboundHandlerAdapter {
    private final CompletableFuture<Channel> authenticated;

    AuthenticatedNotifier(CompletableFuture<Channel> authenticated) {
      this.authenticated = authenticated;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof PeerAuthenticated) {
        authenticated.complete(ctx.channel());
        ctx.pipeline().remove(this);
      }
      super.userEventTriggered(ctx, evt);
    }
  }
}
