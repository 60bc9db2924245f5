package dev.hearsay.overlay.guard;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.core.Messages;
import dev.hearsay.overlay.core.PushPullAck;
import dev.hearsay.overlay.core.PushPullSyn;
import dev.hearsay.overlay.transport.MalformedFrameException;
import dev.hearsay.overlay.transport.PeerChannels;
import dev.hearsay.overlay.wire.Envelope;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderException;
import java.util.List;

/**
 * The guard in the transport's peer-guard slot (after the codec and the sender check), one per
 * connection. On being added it places its {@link FrameGate} right before the handler named
 * {@value #CODEC}, so over-limit frames are dropped before they are decoded. For each decoded
 * message with claims it checks the new-claim, accusation and verification budgets (over them, a
 * probe goes on without its claims, anything else is dropped), passes the message on, then charges the verifications it caused and penalizes the claims that were refused.
 * A join request (a full sync the node must compute and send) is charged to the peer's joins-per-minute
 * budget. Malformed frames cost score on their way to the error handler. On the way out it notes each
 * push-pull or join request this node sends (a SYN, or an ACK that asks for the peer's entries), so
 * that the peer's answer (up to a view's worth of claims) is admitted within the request's allowance
 * instead of the peer's flood budgets.
 */
final class ClaimGate extends ChannelDuplexHandler {
  /** The name the transport gives the message codec. */
  static final String CODEC = "codec";
  static final String FRAME_GATE = "peer-guard-frames";

  private final PeerGuard guard;

  ClaimGate(PeerGuard guard) {
    this.guard = guard;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    String before = ctx.pipeline().get(CODEC) != null ? CODEC : ctx.name();
    ctx.pipeline().addBefore(before, FRAME_GATE, new FrameGate(guard));
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    NodeIdentity peer = PeerChannels.peerOf(ctx.channel());
    if (peer == null || !(msg instanceof Envelope envelope)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (envelope.message() instanceof PushPullSyn syn && syn.join() && !guard.admitJoin(ctx.channel(), peer)) {
      return; // over the peer's joins-per-minute budget: dropped (an Envelope holds no buffers)
    }
    List<Claim> claims = Messages.claimsOf(envelope.message());
    if (claims.isEmpty()) {
      ctx.fireChannelRead(msg);
      return;
    }
    PeerGuard.Admission admitted = guard.admitClaims(ctx.channel(), peer, envelope.message(), claims);
    if (admitted == null) {
      Message probe = MessageClaims.withoutClaims(envelope.message());
      if (probe != null) {
        ctx.fireChannelRead(new Envelope(envelope.sender(), probe));
      }
      return; // otherwise dropped; an Envelope holds no buffers
    }
    ctx.fireChannelRead(msg);
    guard.settle(ctx.channel(), peer, admitted);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
    NodeIdentity peer = PeerChannels.peerOf(ctx.channel());
    if (peer != null && msg instanceof Envelope envelope) {
      if (envelope.message() instanceof PushPullSyn) {
        guard.expectAnswer(peer, false);
      } else if (envelope.message() instanceof PushPullAck ack && ack.bucketMask() != 0) {
        guard.expectAnswer(peer, true);
      }
    }
    super.write(ctx, msg, promise);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    NodeIdentity peer = PeerChannels.peerOf(ctx.channel());
    Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (peer != null && (cause instanceof DecoderException || root instanceof MalformedFrameException)
        && !(root instanceof javax.net.ssl.SSLException)) {
      guard.malformed(ctx.channel(), peer, String.valueOf(root.getMessage()));
    }
    ctx.fireExceptionCaught(cause);
  }
}
