package dev.hearsay.registry.api;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.registry.log.ChainHash;
import dev.hearsay.registry.log.RevocationEntry;
import dev.hearsay.registry.log.RevocationTarget;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * An entry on the wire: {@code {"sequence":1, "serial":"ab12" | "node":"spiffe://...", "reason":"...",
 * "time":"2026-01-01T00:00:00.123Z", "operator":"spiffe://.../operator/alice", "prevHash":"<64 hex>",
 * "hash":"<64 hex>"}}. Exactly one of {@code serial} and {@code node} is present.
 */
public record EntryJson(
    long sequence, String serial, String node, String reason, String time, String operator, String prevHash, String hash) {

  public static EntryJson from(RevocationEntry e) {
    boolean bySerial = e.target().kind() == RevocationTarget.Kind.SERIAL;
    return new EntryJson(
        e.sequence(),
        bySerial ? e.target().value() : null,
        bySerial ? null : e.target().value(),
        e.reason(),
        e.time().toString(),
        e.operator().uri(),
        e.prevHash().hex(),
        e.hash().hex());
  }

  /** The entry with the hash as sent; @throws IllegalArgumentException naming the bad field. */
  public RevocationEntry toEntry() {
    if (time == null || operator == null || prevHash == null || hash == null) {
      throw new IllegalArgumentException("entry " + sequence + " lacks one of time, operator, prevHash, hash");
    }
    try {
      return RevocationEntry.withClaimedHash(
          sequence, PublishRequest.targetOf(serial, node), reason, Instant.parse(time), NodeIdentity.parse(operator),
          ChainHash.parseHex(prevHash), ChainHash.parseHex(hash));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("entry " + sequence + " has an unreadable time");
    }
  }
}
