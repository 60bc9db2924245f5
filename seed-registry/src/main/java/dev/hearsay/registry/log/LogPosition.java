package dev.hearsay.registry.log;

import java.util.Objects;

/** The tip of a chain: the sequence of its last entry (0 when empty) and that entry's hash. */
public record LogPosition(long sequence, ChainHash hash) {
  public static final LogPosition GENESIS = new LogPosition(0, ChainHash.GENESIS);

  public LogPosition {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must not be negative, got " + sequence);
    }
    Objects.requireNonNull(hash, "hash");
    if (sequence == 0 && !hash.equals(ChainHash.GENESIS)) {
      throw new IllegalArgumentException("the empty log's hash is the genesis hash");
    }
  }

  public static LogPosition of(RevocationEntry entry) {
    return new LogPosition(entry.sequence(), entry.hash());
  }
}
