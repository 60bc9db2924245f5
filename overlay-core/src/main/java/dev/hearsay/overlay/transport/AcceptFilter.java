package dev.hearsay.overlay.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.function.Supplier;

/**
 * On the listening socket, ahead of Netty's acceptor: each accepted connection is put to
 * {@link OverlayChannelInitializer.Handlers#admitAccepted} before it is registered with an event
 * loop, and a refused one is closed then and there (or taken, to be closed later). A banned peer that
 * keeps reconnecting then costs an accept and a close, not a registration, a pipeline and a TLS engine.
 */
@ChannelHandler.Sharable
final class AcceptFilter extends ChannelInboundHandlerAdapter {
  private final Supplier<OverlayChannelInitializer.Handlers> handlers;

  AcceptFilter(Supplier<OverlayChannelInitializer.Handlers> handlers) {
    this.handlers = handlers;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof Channel accepted) {
      switch (handlers.get().admitAccepted(accepted)) {
        case CLOSE -> {
          accepted.unsafe().closeForcibly(); // as Netty's acceptor closes a child it could not register
          return;
        }
        case TAKEN -> {
          return; // held unread; whoever took it closes it
        }
        case ADMIT -> { }
      }
    }
    ctx.fireChannelRead(msg);
  }
}
