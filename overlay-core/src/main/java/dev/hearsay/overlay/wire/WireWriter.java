package dev.hearsay.overlay.wire;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Writes the canonical encoding; refuses values the reader would refuse, so we never send them. */
final class WireWriter {
  private final ByteBuf out;

  WireWriter(ByteBuf out) {
    this.out = out;
  }

  WireWriter u8(int v) {
    out.writeByte(v);
    return this;
  }

  WireWriter bool(boolean v) {
    out.writeByte(v ? 1 : 0);
    return this;
  }

  WireWriter u32(int v) {
    out.writeInt(v);
    return this;
  }

  WireWriter u64(long v) {
    out.writeLong(v);
    return this;
  }

  WireWriter count(int n, int max, String field) {
    if (n < 0 || n > max) {
      throw new IllegalArgumentException(field + ": " + n + " exceeds the maximum of " + max);
    }
    out.writeShort(n);
    return this;
  }

  WireWriter string(String s, int maxBytes, String field) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    count(b.length, maxBytes, field);
    out.writeBytes(b);
    return this;
  }

  /** Exactly {@code length} bytes, for fixed-size fields such as hashes. */
  WireWriter fixed(byte[] b, int length, String field) {
    if (b.length != length) {
      throw new IllegalArgumentException(field + ": " + b.length + " bytes, must be " + length);
    }
    out.writeBytes(b);
    return this;
  }

  WireWriter bytes(byte[] b, int maxBytes, String field) {
    count(b.length, maxBytes, field);
    out.writeBytes(b);
    return this;
  }
}
