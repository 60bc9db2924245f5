package dev.hearsay.authz;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.Role;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The assignment rule of {@code monitors} mode: a subject's monitors are the next {@code count}
 * nodes of its own tenant after it on a ring ordered by SHA-256 of the identity URI. Every node with
 * the same view computes the same monitors, and the position of a node on the ring comes from the
 * name in its certificate, which the CA issues: a node cannot pick its neighbours by what it says.
 */
public final class MonitorAssignment {
  private static final Comparator<NodeIdentity> RING_ORDER =
      Comparator.comparingLong(MonitorAssignment::ringPosition).thenComparing(NodeIdentity::uri);

  private MonitorAssignment() {}

  /**
   * The monitors of {@code subject} among {@code members} (the caller's current view; the subject
   * itself, registries, operators, other trust domains and other tenants are ignored). Fewer than
   * {@code count} when the tenant is small.
   */
  public static List<NodeIdentity> monitorsOf(NodeIdentity subject, Collection<NodeIdentity> members, int count) {
    Set<NodeIdentity> ring = new LinkedHashSet<>();
    for (NodeIdentity m : members) {
      if (m.role() == Role.NODE
          && !m.equals(subject)
          && m.trustDomain().equals(subject.trustDomain())
          && m.tenant().equals(subject.tenant())) {
        ring.add(m);
      }
    }
    List<NodeIdentity> sorted = new ArrayList<>(ring);
    sorted.sort(RING_ORDER);
    int start = 0;
    while (start < sorted.size() && RING_ORDER.compare(sorted.get(start), subject) < 0) {
      start++;
    }
    List<NodeIdentity> monitors = new ArrayList<>();
    for (int i = 0; i < Math.min(count, sorted.size()); i++) {
      monitors.add(sorted.get((start + i) % sorted.size()));
    }
    return List.copyOf(monitors);
  }

  static long ringPosition(NodeIdentity identity) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(identity.uri().getBytes(StandardCharsets.UTF_8));
      // Unsigned order of the first 8 bytes, so the ring is the same as on any other implementation.
      return ByteBuffer.wrap(digest).getLong() ^ Long.MIN_VALUE;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
