package dev.hearsay.authz;

import java.util.Objects;
import java.util.Set;

/**
 * A set of metadata keys, named by prefix, with its own writers.
 *
 * @param prefix the keys it covers, e.g. {@code ops.}; the longest matching prefix wins
 * @param writers who may write those keys; empty reserves the namespace (nobody may write it)
 * @param tenants the tenants whose nodes' keys it covers; empty means every tenant. For a subject of
 *     another tenant the namespace does not apply and the next matching one (or the default: the
 *     subject alone) does.
 */
public record MetadataNamespace(String prefix, Set<MetadataWriter> writers, Set<String> tenants) {

  public MetadataNamespace {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.isEmpty()) {
      throw new IllegalArgumentException("namespace prefix is empty");
    }
    writers = Set.copyOf(writers);
    tenants = Set.copyOf(tenants);
  }

  boolean covers(String subjectTenant, String key) {
    return key.startsWith(prefix) && (tenants.isEmpty() || tenants.contains(subjectTenant));
  }
}
