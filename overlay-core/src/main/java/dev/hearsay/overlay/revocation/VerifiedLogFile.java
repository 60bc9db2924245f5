package dev.hearsay.overlay.revocation;

import dev.hearsay.crypto.SecureFiles;
import dev.hearsay.registry.log.ChainHash;
import dev.hearsay.registry.log.EntryCodec;
import dev.hearsay.registry.log.LogPosition;
import dev.hearsay.registry.log.RevocationEntry;
import dev.hearsay.registry.log.SignedHead;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The node's persisted copy of the verified log, so a restart while the registry is unreachable
 * forgets no revocation. Rewritten whole and atomically (temporary file, fsync, rename, fsync of the
 * directory), so a crash leaves the previous copy or the new one. Big-endian:
 *
 * <pre>
 *   8  magic "HSNODLG" + version 1
 *   u64 head sequence | 32 head hash | i64 head time (epoch ms)
 *   u16 length, head certificate DER | u16 length, head signature
 *   u32 entry count, then per entry: u16 length, canonical body (EntryCodec) | 32 entry hash
 *   u32 CRC32C of everything before
 * </pre>
 *
 * The checksum only catches damage; what the file says is believed only after the chain is verified
 * again up to its signed head (see {@link NodeRevocation}).
 */
final class VerifiedLogFile {
  static final String FILE_NAME = "revocations.verified";
  private static final byte[] MAGIC = "HSNODLG\1".getBytes(StandardCharsets.US_ASCII);
  /** Far above a full log of typical entries (about 200 bytes each), and within one array. */
  static final long MAX_FILE_BYTES = 1L << 30;

  private final Path file;

  VerifiedLogFile(Path dataDir) {
    this.file = dataDir.resolve(FILE_NAME);
  }

  Path path() {
    return file;
  }

  void save(VerifiedLog.Snapshot snapshot) throws IOException {
    if (snapshot.head() == null) {
      return;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + snapshot.entries().size() * 256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      SignedHead head = snapshot.head();
      out.writeLong(head.sequence());
      out.write(head.hash().toBytes());
      out.writeLong(head.time().toEpochMilli());
      writeBlob(out, head.certificateDer());
      writeBlob(out, head.signature());
      out.writeInt(snapshot.entries().size());
      for (RevocationEntry e : snapshot.entries()) {
        writeBlob(out, EntryCodec.encodeBody(e));
        out.write(e.hash().toBytes());
      }
      CRC32C crc = new CRC32C();
      crc.update(bytes.toByteArray());
      out.writeInt((int) crc.getValue());
    }
    SecureFiles.writeAtomically(file, bytes.toByteArray(), false);
  }

  /**
   * The persisted entries and head as written, or empty if there is no file.
   *
   * @throws IOException naming the file and what is wrong when it is damaged
   */
  Optional<VerifiedLog.Snapshot> load() throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      throw new IOException(file + " is " + size + " bytes, more than a verified log can be (" + MAX_FILE_BYTES + ")");
    }
    byte[] all = Files.readAllBytes(file);
    try {
      if (all.length < MAGIC.length + 4 || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
        throw new IOException(file + " is not a hearsay verified revocation log");
      }
      CRC32C crc = new CRC32C();
      crc.update(all, 0, all.length - 4);
      if ((int) crc.getValue() != ByteBuffer.wrap(all, all.length - 4, 4).getInt()) {
        throw new IOException(file + " is damaged (checksum mismatch)");
      }
      ByteBuffer in = ByteBuffer.wrap(all, MAGIC.length, all.length - 4 - MAGIC.length);
      long sequence = in.getLong();
      ChainHash hash = ChainHash.of(read(in, ChainHash.LENGTH));
      Instant time = Instant.ofEpochMilli(in.getLong());
      byte[] certificate = readBlob(in);
      byte[] signature = readBlob(in);
      SignedHead head = SignedHead.of(new LogPosition(sequence, hash), time, SignedHead.parseCertificate(certificate), signature);
      int count = in.getInt();
      if (count < 0 || count > VerifiedLog.MAX_ENTRIES) {
        throw new IOException(file + " claims " + count + " entries");
      }
      List<RevocationEntry> entries = new ArrayList<>(Math.min(count, 4096));
      for (int i = 0; i < count; i++) {
        byte[] body = readBlob(in);
        entries.add(EntryCodec.decodeBody(body, ChainHash.of(read(in, ChainHash.LENGTH))));
      }
      if (in.hasRemaining()) {
        throw new IOException(file + " has " + in.remaining() + " unexpected bytes after its entries");
      }
      return Optional.of(new VerifiedLog.Snapshot(entries, head));
    } catch (BufferUnderflowException e) {
      throw new IOException(file + " is truncated");
    } catch (IllegalArgumentException e) {
      throw new IOException(file + " holds an unreadable record: " + e.getMessage());
    }
  }

  private static void writeBlob(DataOutputStream out, byte[] blob) throws IOException {
    if (blob.length > 0xFFFF) {
      throw new IOException("a record of " + blob.length + " bytes does not fit the file format");
    }
    out.writeShort(blob.length);
    out.write(blob);
  }

  private static byte[] readBlob(ByteBuffer in) {
    return read(in, Short.toUnsignedInt(in.getShort()));
  }

  private static byte[] read(ByteBuffer in, int length) {
    if (length > in.remaining()) {
      throw new BufferUnderflowException();
    }
    byte[] b = new byte[length];
    in.get(b);
    return b;
  }
}
