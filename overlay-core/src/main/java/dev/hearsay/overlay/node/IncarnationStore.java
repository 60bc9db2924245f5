package dev.hearsay.overlay.node;

import dev.hearsay.crypto.SecureFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps a node's incarnation across restarts, so a restarted node starts above every claim it made
 * in its earlier life and out-claims stale suspicion and death at once. One small file,
 * {@code <data-dir>/incarnation}, replaced atomically and fsync'd on every change.
 */
final class IncarnationStore {
  static final String FILE = "incarnation";
  private final Path file;
  private long persisted = -1;

  IncarnationStore(Path dataDir) {
    this.file = dataDir.resolve(FILE);
  }

  /** The stored incarnation, or -1 when this data directory has none yet. */
  long load() throws IOException {
    if (!Files.exists(file)) {
      return -1;
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    try {
      long value = Long.parseLong(text);
      if (value < 0) {
        throw new NumberFormatException("negative");
      }
      persisted = value;
      return value;
    } catch (NumberFormatException e) {
      throw new IOException(file + " does not hold an incarnation number: '" + text + "'");
    }
  }

  /** Stores {@code incarnation} if it is new; cheap to call after every step of the core. */
  void save(long incarnation) throws IOException {
    if (incarnation == persisted) {
      return;
    }
    SecureFiles.writeAtomically(file, (incarnation + "\n").getBytes(StandardCharsets.US_ASCII), false);
    persisted = incarnation;
  }
}
