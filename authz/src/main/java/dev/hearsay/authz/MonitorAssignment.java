package dev.hearsay.authz;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.Role;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The assignment rule of {@code monitors} mode: a subject's monitors are the next {@code count}
 * nodes of its own tenant after it on a ring ordered by SHA-256 of the identity URI. Every node with
 * the same view computes the same monitors; each node monitors exactly {@code count} subjects of its
 * tenant (when the tenant is larger than {@code count}), so one insider can accuse only that many;
 * and a node's place on the ring comes from the name in its certificate, which the CA issues, so a
 * node cannot pick its neighbours by anything it says.
 *
 * <p>Build one per membership view (hashing and sorting the view once) and ask it for any number of
 * subjects; rebuild it when the view changes.
 */
public final class MonitorAssignment {
  private static final Comparator<Positioned> RING_ORDER =
      Comparator.comparingLong(Positioned::position).thenComparing(p -> p.identity().uri());

  private final int count;
  private final Map<String, List<Positioned>> rings;

  private MonitorAssignment(int count, Map<String, List<Positioned>> rings) {
    this.count = count;
    this.rings = rings;
  }

  /**
   * The assignment over {@code members} (the caller's current view); registries and operators are
   * ignored, and each trust domain and tenant forms its own ring.
   */
  public static MonitorAssignment of(Collection<NodeIdentity> members, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    Map<String, List<Positioned>> rings = new HashMap<>();
    Set<NodeIdentity> distinct = new LinkedHashSet<>(members);
    for (NodeIdentity m : distinct) {
      if (m.role() == Role.NODE) {
        rings.computeIfAbsent(ringOf(m), r -> new ArrayList<>()).add(new Positioned(ringPosition(m), m));
      }
    }
    for (List<Positioned> ring : rings.values()) {
      ring.sort(RING_ORDER);
    }
    return new MonitorAssignment(count, rings);
  }

  /** The monitors of {@code subject} among {@code members}; see {@link #of} and {@link #monitorsOf(NodeIdentity)}. */
  public static List<NodeIdentity> monitorsOf(NodeIdentity subject, Collection<NodeIdentity> members, int count) {
    return of(members, count).monitorsOf(subject);
  }

  /**
   * The monitors of {@code subject}: the next {@code count} other nodes of its tenant on the ring,
   * fewer when the tenant is small. The subject need not be in the view.
   */
  public List<NodeIdentity> monitorsOf(NodeIdentity subject) {
    List<Positioned> ring = subject.role() == Role.NODE ? rings.get(ringOf(subject)) : null;
    if (ring == null || count == 0) {
      return List.of();
    }
    Positioned self = new Positioned(ringPosition(subject), subject);
    int start = Collections.binarySearch(ring, self, RING_ORDER);
    start = start >= 0 ? start : -start - 1;
    List<NodeIdentity> monitors = new ArrayList<>(count);
    for (int i = 0; i < ring.size() && monitors.size() < count; i++) {
      NodeIdentity candidate = ring.get((start + i) % ring.size()).identity();
      if (!candidate.equals(subject)) {
        monitors.add(candidate);
      }
    }
    return List.copyOf(monitors);
  }

  private static String ringOf(NodeIdentity node) {
    return node.trustDomain() + "/" + node.tenant().orElseThrow();
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

  private record Positioned(long position, NodeIdentity identity) {}
}
