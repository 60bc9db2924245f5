package dev.hearsay.registry.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closes connections beyond the limit as soon as they are accepted, before any TLS work. */
@ChannelHandler.Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimiter.class);
  private final AtomicInteger open = new AtomicInteger();
  private final int max;
  private final Rejections rejections;

  ConnectionLimiter(int max, Rejections rejections) {
    this.max = max;
    this.rejections = rejections;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    if (open.incrementAndGet() > max) {
      rejections.record("too_many_connections", String.valueOf(ctx.channel().remoteAddress()), "connect", "more than " + max + " open connections");
      ctx.close();
      return;
    }
    super.channelActive(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    open.decrementAndGet();
    LOG.trace("connection from {} closed", ctx.channel().remoteAddress());
    super.channelInactive(ctx);
  }
}
