package dev.hearsay.overlay.core;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * "My metadata of this visibility class, at this version, is exactly these entries." Signed by the
 * subject. {@code version} is the metadata version its ALIVE names ({@link Alive#metaVersion()}), so a
 * node knows whether what it holds is current. Travels only in a {@link MemberPush}, never piggybacked:
 * who may receive it depends on who asks.
 */
public record Meta(MemberId subject, long version, boolean shared, SortedMap<String, String> entries, byte[] proof)
    implements Signed {

  public Meta(MemberId subject, long version, boolean shared, Map<String, String> entries, byte[] proof) {
    this(subject, version, shared, Metadata.sorted(entries), proof);
  }

  public Meta {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(proof, "proof");
    if (version <= 0) {
      throw new IllegalArgumentException("metadata version must be positive");
    }
    entries = Metadata.sorted(entries);
    Metadata.checkEntries(entries);
  }

  @Override
  public int estimatedBytes() {
    int bytes = 1 + subject.encodedSize() + 8 + 1 + 2 + Claim.proofBytes(proof) + Claim.FINGERPRINT_BYTES;
    for (Map.Entry<String, String> e : entries.entrySet()) {
      bytes += 4 + e.getKey().length() + e.getValue().length() * 3;
    }
    return bytes;
  }
}
