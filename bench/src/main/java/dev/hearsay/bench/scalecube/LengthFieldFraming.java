package dev.hearsay.bench.scalecube;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import java.util.function.BiConsumer;
import reactor.netty.ConnectionObserver;

/**
 * ScaleCube's TCP framing (a 4-byte length before each message), the same as its own
 * package-private {@code TcpChannelInitializer}, so that our loopback ends speak to each other exactly
 * as stock ScaleCube members do.
 */
final class LengthFieldFraming implements BiConsumer<ConnectionObserver, Channel> {
  private static final int LENGTH_FIELD_LENGTH = 4;

  private final int maxFrameLength;

  LengthFieldFraming(int maxFrameLength) {
    this.maxFrameLength = maxFrameLength;
  }

  @Override
  public void accept(ConnectionObserver observer, Channel channel) {
    ChannelPipeline pipeline = channel.pipeline();
    pipeline.addFirst(new LengthFieldBasedFrameDecoder(maxFrameLength, 0, LENGTH_FIELD_LENGTH, 0, LENGTH_FIELD_LENGTH));
    pipeline.addFirst(new LengthFieldPrepender(LENGTH_FIELD_LENGTH));
  }
}
