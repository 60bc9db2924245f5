package dev.hearsay.overlay.core;

import dev.hearsay.registry.log.ChainHash;
import dev.hearsay.registry.log.EntryCodec;
import dev.hearsay.registry.log.RevocationEntry;
import dev.hearsay.registry.log.SignedHead;
import java.util.List;
import java.util.Objects;

/**
 * Registry entries, in increasing sequence, with the signed head the sender holds: a pull's answer,
 * the gap pushed to a peer that is behind, or entries just accepted, pushed to a few members. The
 * receiver offers them to its verified log like entries fetched from the registry; whether they
 * extend its chain up to a registry-signed head decides everything, not who sent them.
 */
public record RevocationEntries(List<RevocationEntry> entries, SignedHead head) implements Message {
  public RevocationEntries {
    entries = List.copyOf(entries);
    Objects.requireNonNull(head, "head");
  }

  @Override
  public int estimatedBytes() {
    int bytes = FRAME_BYTES + 2 + headBytes(head);
    for (RevocationEntry e : entries) {
      bytes += entryBytes(e);
    }
    return bytes;
  }

  /** An entry on the wire: its canonical body with a length prefix, and its hash. */
  public static int entryBytes(RevocationEntry entry) {
    return 2 + EntryCodec.encodeBody(entry).length + ChainHash.LENGTH;
  }

  /** A head on the wire: sequence, hash, time, and the signature and certificate with length prefixes. */
  public static int headBytes(SignedHead head) {
    return 8 + ChainHash.LENGTH + 8 + 2 + head.signature().length + 2 + head.certificateDer().length;
  }
}
