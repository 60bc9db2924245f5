package dev.hearsay.overlay.transport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Frames and bytes in and out ({@code hearsay.transport.frames} and {@code hearsay.transport.bytes},
 * tagged {@code direction=in|out}), counted at the frame layer: payload bytes plus the 4-byte length
 * prefix, before TLS.
 */
public final class TrafficMeters {
  private final Counter framesIn;
  private final Counter framesOut;
  private final Counter bytesIn;
  private final Counter bytesOut;
  private final Handler handler = new Handler();

  public TrafficMeters(MeterRegistry registry) {
    framesIn = counter(registry, "hearsay.transport.frames", "in", "Frames received and sent");
    framesOut = counter(registry, "hearsay.transport.frames", "out", "Frames received and sent");
    bytesIn = counter(registry, "hearsay.transport.bytes", "in", "Frame bytes received and sent, length prefix included");
    bytesOut = counter(registry, "hearsay.transport.bytes", "out", "Frame bytes received and sent, length prefix included");
  }

  private static Counter counter(MeterRegistry registry, String name, String direction, String description) {
    return Counter.builder(name).description(description).tag("direction", direction).register(registry);
  }

  /** A shareable handler placed between the frame codec and the message codec. */
  public ChannelHandler handler() {
    return handler;
  }

  @ChannelHandler.Sharable
  private final class Handler extends ChannelDuplexHandler {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof ByteBuf frame) {
        framesIn.increment();
        bytesIn.increment(frame.readableBytes() + TransportConfig.LENGTH_FIELD_BYTES);
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (msg instanceof ByteBuf frame) {
        framesOut.increment();
        bytesOut.increment(frame.readableBytes() + TransportConfig.LENGTH_FIELD_BYTES);
      }
      ctx.write(msg, promise);
    }
  }
}
