package dev.hearsay.overlay.guard;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.overlay.transport.PeerAuthenticated;
import dev.hearsay.overlay.transport.PeerChannels;
import dev.hearsay.overlay.wire.MessageCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * The guard's part in front of the message codec, one per connection. (An accepted connection from
 * a banned or over-eager address never gets this far: the transport asks
 * {@link PeerGuard#admitConnection} before it registers the connection.) A failed handshake counts
 * against its address; a banned identity is closed right after it is bound. Then every frame is
 * checked against the peer's frame and byte budgets and its score, and dropped (not decoded) when
 * over; a frame that says it is a push-pull answer is first taken from the allowance of a request
 * this node sent the peer.
 */
final class FrameGate extends ChannelInboundHandlerAdapter {
  private final PeerGuard guard;

  FrameGate(PeerGuard guard) {
    this.guard = guard;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
      guard.handshakeFailed(ctx.channel());
    } else if (evt instanceof PeerAuthenticated authenticated && !guard.admitAuthenticated(ctx.channel(), authenticated.peer())) {
      ctx.close();
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    NodeIdentity peer = PeerChannels.peerOf(ctx.channel());
    if (peer != null && msg instanceof ByteBuf frame
        && !guard.admitFrame(ctx.channel(), peer, frame.readableBytes() + (long) FRAME_PREFIX_BYTES,
            MessageCodec.isPushPullAnswer(frame))) {
      ReferenceCountUtil.release(msg);
      return;
    }
    ctx.fireChannelRead(msg);
  }

  /** The length prefix the frame decoder strips; counted so bytes are what the peer sent. */
  private static final int FRAME_PREFIX_BYTES = dev.hearsay.overlay.transport.TransportConfig.LENGTH_FIELD_BYTES;
}
