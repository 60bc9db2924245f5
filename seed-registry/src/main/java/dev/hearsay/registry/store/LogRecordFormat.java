package dev.hearsay.registry.store;

import dev.hearsay.registry.log.ChainHash;
import dev.hearsay.registry.log.EntryCodec;
import dev.hearsay.registry.log.RevocationEntry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The on-disk layout of the log: an 8-byte file header, then records, big-endian:
 *
 * <pre>
 *   u16 magic 0x5245 ("RE")
 *   u32 body length (1 .. EntryCodec.MAX_BODY_LENGTH)
 *   body  the entry's canonical encoding ({@link EntryCodec})
 *   32    the entry's hash
 *   u32   CRC32C of everything above, magic included
 * </pre>
 *
 * The checksum tells a torn or damaged record from a whole one; the magic lets recovery look for
 * whole records after a damaged one, which is what separates a torn tail (nothing whole after it)
 * from damage in the middle (whole records after it).
 */
final class LogRecordFormat {
  static final byte[] FILE_HEADER = "HSRVLOG\u0001".getBytes(StandardCharsets.ISO_8859_1);
  static final short MAGIC = 0x5245;
  static final int OVERHEAD = 2 + 4 + ChainHash.LENGTH + 4;
  static final int MAX_RECORD_LENGTH = OVERHEAD + EntryCodec.MAX_BODY_LENGTH;

  private LogRecordFormat() {}

  static byte[] encode(RevocationEntry entry) {
    byte[] body = EntryCodec.encodeBody(entry);
    ByteBuffer buf = ByteBuffer.allocate(OVERHEAD + body.length);
    buf.putShort(MAGIC).putInt(body.length).put(body).put(entry.hash().toBytes());
    CRC32C crc = new CRC32C();
    crc.update(buf.array(), 0, buf.position());
    buf.putInt((int) crc.getValue());
    return buf.array();
  }

  /** A record read at some offset: the entry and the record's length, or why it is not a whole record. */
  record Read(RevocationEntry entry, int length, String problem) {
    boolean ok() {
      return problem == null;
    }
  }

  /** Reads the record starting at {@code offset} of {@code file[0..end)}; never throws on bad bytes. */
  static Read read(byte[] file, int offset, int end) {
    int available = end - offset;
    if (available < 6) {
      return problem("a record header is cut short (" + available + " of 6 bytes)");
    }
    ByteBuffer buf = ByteBuffer.wrap(file, offset, available);
    short magic = buf.getShort();
    if (magic != MAGIC) {
      return problem(String.format("bad record magic 0x%04x", magic & 0xFFFF));
    }
    int bodyLength = buf.getInt();
    if (bodyLength < 1 || bodyLength > EntryCodec.MAX_BODY_LENGTH) {
      return problem("bad record length " + Integer.toUnsignedString(bodyLength));
    }
    int length = OVERHEAD + bodyLength;
    if (available < length) {
      return problem("a record of " + length + " bytes is cut short at " + available + " bytes");
    }
    CRC32C crc = new CRC32C();
    crc.update(file, offset, length - 4);
    int stored = ByteBuffer.wrap(file, offset + length - 4, 4).getInt();
    if ((int) crc.getValue() != stored) {
      return problem("record checksum mismatch");
    }
    byte[] body = Arrays.copyOfRange(file, offset + 6, offset + 6 + bodyLength);
    byte[] hash = Arrays.copyOfRange(file, offset + 6 + bodyLength, offset + 6 + bodyLength + ChainHash.LENGTH);
    try {
      return new Read(EntryCodec.decodeBody(body, ChainHash.of(hash)), length, null);
    } catch (IllegalArgumentException e) {
      // The checksum matched, so these bytes were written like this: not a torn write.
      return new Read(null, length, "undecodable entry with a valid checksum: " + e.getMessage());
    }
  }

  private static Read problem(String why) {
    return new Read(null, 0, why);
  }

  /** Whether a whole, checksummed record starts anywhere in {@code file(from..end)}. */
  static long nextWholeRecord(byte[] file, int from, int end) {
    for (int p = from; p + OVERHEAD < end; p++) {
      if (file[p] == (byte) (MAGIC >> 8) && file[p + 1] == (byte) MAGIC) {
        Read r = read(file, p, end);
        if (r.length() > 0) {
          return p;
        }
      }
    }
    return -1;
  }
}
