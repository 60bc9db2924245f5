package dev.hearsay.overlay.wire;

import dev.hearsay.overlay.core.RevocationEntries;
import dev.hearsay.overlay.core.RevocationPull;
import dev.hearsay.overlay.transport.MalformedFrameException;
import dev.hearsay.registry.log.ChainHash;
import dev.hearsay.registry.log.EntryCodec;
import dev.hearsay.registry.log.LogPosition;
import dev.hearsay.registry.log.RevocationEntry;
import dev.hearsay.registry.log.SignedHead;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed registry's words as gossip carries them. Big-endian:
 *
 * <pre>
 *   head    = sequence u64, hash (32), time i64 (epoch ms), u16 length + signature,
 *             u16 length + the registry's DER certificate
 *   entries = u16 count (at most {@link WireLimits#MAX_REVOCATION_ENTRIES}), in strictly increasing
 *             sequence, each: u16 length + canonical body ({@code EntryCodec}), hash (32)
 *   pull    = since u64, max u16 (1 to {@link WireLimits#MAX_REVOCATION_ENTRIES})
 * </pre>
 *
 * Every length is checked before anything is read or parsed. Decoding only checks form (bounds,
 * a well-formed certificate and entry bodies, increasing sequences); whether the entries and head
 * are the registry's is for the receiver's chain verification.
 */
final class RegistryCodec {
  private RegistryCodec() {}

  static void writeHead(WireWriter w, SignedHead head) {
    w.u64(head.sequence())
        .fixed(head.hash().toBytes(), ChainHash.LENGTH, "head hash")
        .u64(head.time().toEpochMilli())
        .bytes(head.signature(), WireLimits.MAX_HEAD_SIGNATURE_BYTES, "head signature")
        .bytes(head.certificateDer(), WireLimits.MAX_HEAD_CERTIFICATE_BYTES, "head certificate");
  }

  static SignedHead readHead(WireReader r) {
    long sequence = r.nonNegative("head sequence");
    byte[] hash = r.fixed("head hash", ChainHash.LENGTH);
    long millis = r.u64("head time");
    byte[] signature = r.bytes("head signature", WireLimits.MAX_HEAD_SIGNATURE_BYTES);
    byte[] der = r.bytes("head certificate", WireLimits.MAX_HEAD_CERTIFICATE_BYTES);
    LogPosition position;
    Instant time;
    try {
      position = new LogPosition(sequence, ChainHash.of(hash));
      time = Instant.ofEpochMilli(millis);
    } catch (RuntimeException e) { // a non-genesis hash at sequence 0, or a time out of Instant's range
      throw new MalformedFrameException("head: " + e.getMessage());
    }
    return SignedHead.of(position, time, certificate(der), signature);
  }

  /** Hostile DER can fail the JDK's parser in more ways than CertificateException; all of them are malformed frames. */
  private static X509Certificate certificate(byte[] der) {
    try {
      return SignedHead.parseCertificate(der);
    } catch (RuntimeException e) {
      throw new MalformedFrameException("head certificate: " + e.getMessage());
    }
  }

  static void writeEntries(WireWriter w, RevocationEntries m) {
    w.count(m.entries().size(), WireLimits.MAX_REVOCATION_ENTRIES, "revocation entries");
    for (RevocationEntry e : m.entries()) {
      w.bytes(EntryCodec.encodeBody(e), WireLimits.MAX_ENTRY_BODY_BYTES, "entry body")
          .fixed(e.hash().toBytes(), ChainHash.LENGTH, "entry hash");
    }
    writeHead(w, m.head());
  }

  static RevocationEntries readEntries(WireReader r) {
    int n = r.count("revocation entry count", WireLimits.MAX_REVOCATION_ENTRIES);
    List<RevocationEntry> entries = new ArrayList<>(n);
    long previous = 0;
    for (int i = 0; i < n; i++) {
      byte[] body = r.bytes("entry body", WireLimits.MAX_ENTRY_BODY_BYTES);
      byte[] hash = r.fixed("entry hash", ChainHash.LENGTH);
      RevocationEntry entry;
      try {
        entry = EntryCodec.decodeBody(body, ChainHash.of(hash));
      } catch (RuntimeException e) {
        throw new MalformedFrameException("entry: " + e.getMessage());
      }
      if (entry.sequence() <= previous) {
        throw new MalformedFrameException("entry #" + entry.sequence() + " does not follow #" + previous);
      }
      previous = entry.sequence();
      entries.add(entry);
    }
    return new RevocationEntries(entries, readHead(r));
  }

  static void writePull(WireWriter w, RevocationPull p) {
    w.u64(p.since()).count(p.max(), WireLimits.MAX_REVOCATION_ENTRIES, "pull max");
  }

  static RevocationPull readPull(WireReader r) {
    long since = r.nonNegative("pull since");
    int max = r.count("pull max", WireLimits.MAX_REVOCATION_ENTRIES);
    if (max < 1) {
      throw new MalformedFrameException("pull max: asks for no entries");
    }
    return new RevocationPull(since, max);
  }
}
