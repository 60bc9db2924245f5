package dev.hearsay.overlay.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last inbound handler: turns a decoding failure into a counted, logged rejection and closes
 * the connection, so one bad peer never reaches the node's state and never crashes anything.
 */
public final class TransportErrorHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(TransportErrorHandler.class);
  private final Rejections rejections;

  public TransportErrorHandler(Rejections rejections) {
    this.rejections = rejections;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    var peer = PeerChannels.peerOf(ctx.channel());
    Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (root instanceof TooLongFrameException) {
      rejections.reject(RejectReason.FRAME_TOO_LARGE, peer, ctx.channel().remoteAddress(), root.getMessage());
    } else if (cause instanceof DecoderException && root instanceof javax.net.ssl.SSLException && peer == null) {
      // A failed handshake: the TLS handler reports it twice, as this exception and as its completion
      // event, and the identity binding counts it from the event. Counting it here too doubled it.
      LOG.debug("handshake with {} failed: {}", ctx.channel().remoteAddress(), root.toString());
    } else if (cause instanceof DecoderException && root instanceof javax.net.ssl.SSLException) {
      rejections.reject(RejectReason.MALFORMED_FRAME, peer, ctx.channel().remoteAddress(), "TLS record: " + root.getMessage());
    } else if (cause instanceof DecoderException || root instanceof MalformedFrameException) {
      rejections.reject(RejectReason.MALFORMED_FRAME, peer, ctx.channel().remoteAddress(), String.valueOf(root.getMessage()));
    } else if (root instanceof IOException) {
      LOG.debug("connection to {} failed: {}", ctx.channel().remoteAddress(), root.toString());
    } else {
      // Counted and logged at most once a second: a peer must not be able to flood the log with traces.
      rejections.reject("unexpected_error", peer, ctx.channel().remoteAddress(), cause.toString());
      LOG.debug("unexpected error on the connection with {}", peer == null ? ctx.channel().remoteAddress() : peer, cause);
    }
    ctx.close();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent) {
      // Pooled connections are reopened on demand; an idle one only costs memory and a socket.
      LOG.debug("closing idle connection with {}", PeerChannels.peerOf(ctx.channel()));
      ctx.close();
      return;
    }
    super.userEventTriggered(ctx, evt);
  }
}
