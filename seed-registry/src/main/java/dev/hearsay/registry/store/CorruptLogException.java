package dev.hearsay.registry.store;

import java.io.IOException;

/**
 * The log file is damaged somewhere other than its tail (or is not a revocation log at all). Acknowledged
 * entries may be affected, so the store refuses to open rather than guess; the message names the
 * file, the offset and what is wrong, for an operator to restore from a backup or a node's copy.
 */
public final class CorruptLogException extends IOException {
  public CorruptLogException(String message) {
    super(message);
  }
}
