package dev.hearsay.registry.store;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.registry.log.LogPosition;
import dev.hearsay.registry.log.RevocationEntry;
import dev.hearsay.registry.log.RevocationSet;
import dev.hearsay.registry.log.RevocationTarget;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The registry's authoritative log. Appends are durable before they return; nothing is ever removed. */
public interface RevocationStore extends AutoCloseable {
  /**
   * Revokes a target, or returns the entry that already revokes it. The new entry is on stable storage
   * when this returns.
   *
   * @throws LogFullException when the log holds its configured maximum
   * @throws IOException when the entry could not be made durable (it is then not in the log)
   */
  AppendResult append(RevocationTarget target, String reason, NodeIdentity operator) throws IOException;

  /** The last entry's sequence and hash. */
  LogPosition position();

  /** Up to {@code limit} entries with a sequence above {@code sequence}, in order. */
  List<RevocationEntry> entriesAfter(long sequence, int limit);

  Optional<RevocationEntry> find(RevocationTarget target);

  /** A live view of the revoked targets, e.g. for the registry's own trust manager. */
  RevocationSet revocations();

  /** What was found when the log was opened. */
  RecoveryReport recovery();

  /** Called with each new entry after it is durable, on the appending thread. */
  void onAppend(Consumer<RevocationEntry> listener);

  @Override
  void close() throws IOException;
}
