package dev.hearsay.overlay.transport;

import dev.hearsay.crypto.NodeIdentity;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A minimal message for transport tests: {@code [u16 sender length][sender URI][text]}. */
record TestMessage(NodeIdentity sender, String text) implements SenderNamed {

  static ByteBuf encode(ByteBuf out, String senderUri, String text) {
    byte[] s = senderUri.getBytes(StandardCharsets.UTF_8);
    out.writeShort(s.length).writeBytes(s).writeBytes(text.getBytes(StandardCharsets.UTF_8));
    return out;
  }

  static final class Codec extends MessageToMessageCodec<ByteBuf, TestMessage> {
    @Override
    protected void encode(ChannelHandlerContext ctx, TestMessage msg, List<Object> out) {
      out.add(TestMessage.encode(ctx.alloc().buffer(), msg.sender().uri(), msg.text()));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
      if (in.readableBytes() < 2) {
        throw new MalformedFrameException("frame shorter than its header");
      }
      int length = in.readUnsignedShort();
      if (length > in.readableBytes()) {
        throw new MalformedFrameException("sender length " + length + " exceeds the frame");
      }
      NodeIdentity sender;
      try {
        sender = NodeIdentity.parse(in.readCharSequence(length, StandardCharsets.UTF_8).toString());
      } catch (IllegalArgumentException e) {
        throw new MalformedFrameException("sender: " + e.getMessage());
      }
      out.add(new TestMessage(sender, in.readCharSequence(in.readableBytes(), StandardCharsets.UTF_8).toString()));
    }
  }
}
