package dev.hearsay.registry.log;

import dev.hearsay.crypto.InvalidIdentityException;
import dev.hearsay.crypto.NodeIdentity;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The canonical binary form of an entry, the input of its hash and its form on disk. Big-endian:
 *
 * <pre>
 *   u8  version (1)
 *   u64 sequence
 *   u8  target kind (1 serial, 2 identity)
 *   u16 length, UTF-8 target value
 *   u16 length, UTF-8 reason
 *   i64 time, epoch milliseconds
 *   u16 length, UTF-8 operator identity URI
 *   32  previous hash
 * </pre>
 *
 * Every field has exactly one encoding (canonical target values, strict UTF-8, no trailing bytes),
 * so equal entries hash equally wherever they are encoded.
 */
public final class EntryCodec {
  public static final byte VERSION = 1;
  /** Far above any legal entry (the strings are bounded), far below anything that could hurt. */
  public static final int MAX_BODY_LENGTH = 4096;
  static final byte[] HASH_PREFIX = "hearsay/v1/revocation-entry\0".getBytes(StandardCharsets.US_ASCII);

  private EntryCodec() {}

  public static byte[] encodeBody(RevocationEntry entry) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeLong(entry.sequence());
      out.writeByte(entry.target().kind().code);
      writeString(out, entry.target().value());
      writeString(out, entry.reason());
      out.writeLong(entry.time().toEpochMilli());
      writeString(out, entry.operator().uri());
      out.write(entry.prevHash().toBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Decodes a body and pairs it with the hash stored or sent alongside it (not checked here).
   *
   * @throws IllegalArgumentException naming what is wrong with the bytes
   */
  public static RevocationEntry decodeBody(byte[] body, ChainHash claimedHash) {
    if (body.length > MAX_BODY_LENGTH) {
      throw new IllegalArgumentException("entry is " + body.length + " bytes, more than " + MAX_BODY_LENGTH);
    }
    ByteBuffer in = ByteBuffer.wrap(body);
    try {
      byte version = in.get();
      if (version != VERSION) {
        throw new IllegalArgumentException("unknown entry version " + version);
      }
      long sequence = in.getLong();
      RevocationTarget.Kind kind = RevocationTarget.Kind.ofCode(in.get());
      String targetValue = readString(in);
      String reason = readString(in);
      Instant time = Instant.ofEpochMilli(in.getLong());
      String operator = readString(in);
      byte[] prev = new byte[ChainHash.LENGTH];
      in.get(prev);
      if (in.hasRemaining()) {
        throw new IllegalArgumentException(in.remaining() + " trailing bytes after the entry");
      }
      return RevocationEntry.withClaimedHash(
          sequence, RevocationTarget.decode(kind, targetValue), reason, time, NodeIdentity.parse(operator),
          ChainHash.of(prev), claimedHash);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("entry is truncated");
    } catch (InvalidIdentityException e) {
      throw new IllegalArgumentException("entry names an invalid identity: " + e.getMessage());
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("entry time is out of range");
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    if (utf8.length > 0xFFFF) {
      throw new IllegalArgumentException("string field is longer than 65535 bytes");
    }
    out.writeShort(utf8.length);
    out.write(utf8);
  }

  private static String readString(ByteBuffer in) {
    int length = Short.toUnsignedInt(in.getShort());
    if (length > in.remaining()) {
      throw new IllegalArgumentException("string field runs past the end of the entry");
    }
    ByteBuffer slice = in.slice().limit(length);
    in.position(in.position() + length);
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(slice)
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("string field is not valid UTF-8");
    }
  }
}
