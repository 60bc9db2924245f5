package dev.hearsay.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file so a crash leaves either the old or the new content, never a torn one: a temporary
 * file in the same directory (already 0600 for secrets, so a key is never readable by others even
 * for a moment), fsync, atomic rename, then fsync of the directory.
 */
public final class SecureFiles {
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

  private SecureFiles() {}

  public static void writeAtomically(Path file, byte[] content, boolean secret) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path tmp =
        POSIX
            ? Files.createTempFile(dir, "." + target.getFileName(), ".tmp", attributes(secret))
            : Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      if (POSIX) {
        // createTempFile honours the umask; set the mode explicitly.
        Files.setPosixFilePermissions(tmp, secret ? OWNER_ONLY : WORLD_READABLE);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Fails naming the first file that exists, so a command never replaces files unasked. */
  public static void refuseToOverwrite(Path... files) throws java.nio.file.FileAlreadyExistsException {
    for (Path p : files) {
      if (Files.exists(p)) {
        throw new java.nio.file.FileAlreadyExistsException(p + " exists (use --force to replace it)");
      }
    }
  }

  private static FileAttribute<Set<PosixFilePermission>> attributes(boolean secret) {
    return PosixFilePermissions.asFileAttribute(secret ? OWNER_ONLY : WORLD_READABLE);
  }

  private static void syncDirectory(Path dir) {
    if (!POSIX) {
      return;
    }
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some file systems refuse to open directories; the rename itself has happened.
    }
  }
}
