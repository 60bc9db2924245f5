package dev.hearsay.overlay.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import java.util.List;

/** The Netty codec between frames and {@link Envelope}s; one instance per connection. */
public final class WireCodec extends MessageToMessageCodec<ByteBuf, Envelope> {
  private final int maxFrameBytes;

  public WireCodec(int maxFrameBytes) {
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Envelope msg, List<Object> out) {
    ByteBuf buf = ctx.alloc().buffer();
    try {
      MessageCodec.encode(msg, buf);
      if (buf.readableBytes() > maxFrameBytes) {
        throw new IllegalArgumentException(
            "message of " + buf.readableBytes() + " bytes exceeds the frame limit of " + maxFrameBytes);
      }
      out.add(buf.retain());
    } finally {
      buf.release();
    }
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    out.add(MessageCodec.decode(in));
  }
}
