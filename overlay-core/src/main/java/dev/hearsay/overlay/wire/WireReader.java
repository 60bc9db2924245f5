package dev.hearsay.overlay.wire;

import dev.hearsay.overlay.transport.MalformedFrameException;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Bounds-checked reads from one frame; every violation names the field. */
final class WireReader {
  private final ByteBuf in;

  WireReader(ByteBuf in) {
    this.in = in;
  }

  private void need(int bytes, String field) {
    if (in.readableBytes() < bytes) {
      throw new MalformedFrameException(field + ": truncated (needs " + bytes + " bytes, " + in.readableBytes() + " left)");
    }
  }

  int u8(String field) {
    need(1, field);
    return in.readUnsignedByte();
  }

  boolean bool(String field) {
    int v = u8(field);
    if (v > 1) {
      throw new MalformedFrameException(field + ": not a boolean (" + v + ")");
    }
    return v == 1;
  }

  int u32(String field) {
    need(4, field);
    return in.readInt();
  }

  long u64(String field) {
    need(8, field);
    return in.readLong();
  }

  long nonNegative(String field) {
    long v = u64(field);
    if (v < 0) {
      throw new MalformedFrameException(field + ": negative (" + v + ")");
    }
    return v;
  }

  int count(String field, int max) {
    need(2, field);
    int n = in.readUnsignedShort();
    if (n > max) {
      throw new MalformedFrameException(field + ": " + n + " exceeds the maximum of " + max);
    }
    return n;
  }

  String string(String field, int maxBytes) {
    int length = count(field, maxBytes);
    need(length, field);
    String s = in.readCharSequence(length, StandardCharsets.UTF_8).toString();
    if (s.indexOf('\uFFFD') >= 0) {
      throw new MalformedFrameException(field + ": not valid UTF-8");
    }
    return s;
  }

  byte[] bytes(String field, int maxBytes) {
    int length = count(field, maxBytes);
    need(length, field);
    byte[] b = new byte[length];
    in.readBytes(b);
    return b;
  }

  /** Exactly {@code length} bytes, for fixed-size fields such as hashes. */
  byte[] fixed(String field, int length) {
    need(length, field);
    byte[] b = new byte[length];
    in.readBytes(b);
    return b;
  }

  void end() {
    if (in.isReadable()) {
      throw new MalformedFrameException("frame has " + in.readableBytes() + " unexpected trailing bytes");
    }
  }
}
