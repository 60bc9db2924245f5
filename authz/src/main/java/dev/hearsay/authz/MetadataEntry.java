package dev.hearsay.authz;

import dev.hearsay.crypto.NodeIdentity;
import java.util.Objects;

/**
 * The part of a metadata entry that authorization looks at: whose entry it is, its key and its
 * visibility. Values and versions don't matter to who may write or read an entry.
 *
 * @param owner the node the entry describes (the claim's subject)
 * @param key the entry's key, e.g. {@code ops.drain}; namespaces in the policy match key prefixes
 * @param visibility what the writer declared, signed with the entry
 */
public record MetadataEntry(NodeIdentity owner, String key, MetadataVisibility visibility) {

  public MetadataEntry {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(visibility, "visibility");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("metadata key is empty");
    }
  }

  public static MetadataEntry privateEntry(NodeIdentity owner, String key) {
    return new MetadataEntry(owner, key, MetadataVisibility.PRIVATE);
  }

  public static MetadataEntry sharedEntry(NodeIdentity owner, String key) {
    return new MetadataEntry(owner, key, MetadataVisibility.SHARED);
  }
}
