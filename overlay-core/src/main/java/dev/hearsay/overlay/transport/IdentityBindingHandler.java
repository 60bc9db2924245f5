package dev.hearsay.overlay.transport;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.PeerCertificateValidator;
import dev.hearsay.crypto.PeerRejectedException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * Binds the peer identity proven by the TLS handshake to the channel. The certificate is checked
 * once more here (validity and revocation as of now; the chain check is cached), so a session that
 * somehow skipped the trust manager, or a peer revoked during its handshake, is still refused.
 * Nothing is passed on before the binding: bytes that arrive earlier close the connection.
 */
public final class IdentityBindingHandler extends ChannelInboundHandlerAdapter {
  private final PeerCertificateValidator validator;
  private final PeerCertificateValidator.Purpose peerPurpose;
  private final NodeIdentity expectedPeer;
  private final Rejections rejections;

  /**
   * @param peerPurpose CLIENT on accepted connections, SERVER on connections this node opened
   * @param expectedPeer the node an outbound connection was opened for, or null (seeds, inbound)
   */
  public IdentityBindingHandler(
      PeerCertificateValidator validator, PeerCertificateValidator.Purpose peerPurpose, NodeIdentity expectedPeer, Rejections rejections) {
    this.validator = validator;
    this.peerPurpose = peerPurpose;
    this.expectedPeer = expectedPeer;
    this.rejections = rejections;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof SslHandshakeCompletionEvent done) {
      if (!done.isSuccess()) {
        rejections.reject(RejectReason.HANDSHAKE_FAILED, null, ctx.channel().remoteAddress(), reasonOf(done.cause()));
        ctx.close();
      } else {
        bind(ctx);
      }
    }
    super.userEventTriggered(ctx, evt);
  }

  private void bind(ChannelHandlerContext ctx) {
    NodeIdentity peer;
    try {
      Certificate[] presented = ctx.pipeline().get(SslHandler.class).engine().getSession().getPeerCertificates();
      X509Certificate[] chain = Arrays.copyOf(presented, presented.length, X509Certificate[].class);
      peer = validator.validate(chain, peerPurpose);
    } catch (PeerRejectedException e) {
      rejections.reject(RejectReason.PEER_NOT_ADMITTED, null, ctx.channel().remoteAddress(), e.getMessage());
      ctx.close();
      return;
    } catch (Exception e) {
      rejections.reject(RejectReason.PEER_NOT_ADMITTED, null, ctx.channel().remoteAddress(), "no usable peer certificate: " + e);
      ctx.close();
      return;
    }
    if (expectedPeer != null && !expectedPeer.equals(peer)) {
      rejections.reject(RejectReason.UNEXPECTED_PEER, peer, ctx.channel().remoteAddress(), "expected " + expectedPeer.uri());
      ctx.close();
      return;
    }
    ctx.channel().attr(PeerChannels.PEER).set(peer);
    ctx.pipeline().remove(this);
    ctx.fireUserEventTriggered(new PeerAuthenticated(peer));
  }

  /** The trust manager's own reason when it refused the peer, else the TLS engine's message. */
  static String reasonOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof PeerRejectedException rejected) {
        return rejected.getMessage();
      }
    }
    if (failure instanceof java.nio.channels.ClosedChannelException) {
      return "connection closed before the handshake completed";
    }
    return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ReferenceCountUtil.release(msg);
    rejections.reject(RejectReason.UNAUTHENTICATED_FRAME, null, ctx.channel().remoteAddress(), "data before the peer was authenticated");
    ctx.close();
  }
}
