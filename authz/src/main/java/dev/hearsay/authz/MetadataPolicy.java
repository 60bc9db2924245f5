package dev.hearsay.authz;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Metadata namespaces and their writers. A key that no namespace covers is written by its subject
 * alone, which is also the whole rule when the policy lists no namespace.
 */
public record MetadataPolicy(List<MetadataNamespace> namespaces) {

  private static final Set<MetadataWriter> SUBJECT_ONLY = Set.of(MetadataWriter.SELF);

  public MetadataPolicy {
    namespaces = List.copyOf(namespaces);
  }

  public static MetadataPolicy defaults() {
    return new MetadataPolicy(List.of());
  }

  /** The namespace that governs {@code key} of a node of {@code subjectTenant}: the longest matching prefix. */
  public Optional<MetadataNamespace> namespaceOf(String subjectTenant, String key) {
    return namespaces.stream()
        .filter(ns -> ns.covers(subjectTenant, key))
        .max(Comparator.comparingInt(ns -> ns.prefix().length()));
  }

  /** Who may write {@code key} of a node of {@code subjectTenant}. */
  public Set<MetadataWriter> writersOf(String subjectTenant, String key) {
    return namespaceOf(subjectTenant, key).map(MetadataNamespace::writers).orElse(SUBJECT_ONLY);
  }
}
