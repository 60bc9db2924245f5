package dev.hearsay.overlay.transport;

import dev.hearsay.crypto.NodeIdentity;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The sender named inside a frame must be the identity TLS authenticated; otherwise the peer is
 * trying to speak for someone else, and the connection is closed.
 */
public final class SenderCheckHandler extends ChannelInboundHandlerAdapter {
  private final Rejections rejections;

  public SenderCheckHandler(Rejections rejections) {
    this.rejections = rejections;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    NodeIdentity peer = PeerChannels.peerOf(ctx.channel());
    if (msg instanceof SenderNamed named && peer != null && peer.equals(named.sender())) {
      ctx.fireChannelRead(msg);
      return;
    }
    ReferenceCountUtil.release(msg);
    String detail =
        msg instanceof SenderNamed named
            ? "frame names sender " + named.sender().uri()
            : "frame without a sender (" + msg.getClass().getSimpleName() + ")";
    rejections.reject(RejectReason.SENDER_MISMATCH, peer, ctx.channel().remoteAddress(), detail);
    ctx.close();
  }
}
