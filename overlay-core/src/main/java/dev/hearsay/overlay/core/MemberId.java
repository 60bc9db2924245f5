package dev.hearsay.overlay.core;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The compact identity of a member: the SPIFFE-style URI {@code spiffe://<domain>/tenant/<tenant>/node/<name>}.
 *
 * <p>Views reference the same instance from every node (see {@link MemberIds}), so a view entry costs a
 * reference, not a string. The 64-bit hash is computed once; it keys the view tables and the digest buckets.
 */
public final class MemberId implements Comparable<MemberId> {

  private static final String SCHEME = "spiffe://";

  private final String uri;
  private final String domain;
  private final String tenant;
  private final String name;
  private final long hash64;

  private MemberId(String uri, String domain, String tenant, String name) {
    this.uri = uri;
    this.domain = domain;
    this.tenant = tenant;
    this.name = name;
    this.hash64 = Hashing.fnv1a64(uri.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses a node identity URI; throws {@link IllegalArgumentException} with the reason when malformed. */
  public static MemberId parse(String uri) {
    Objects.requireNonNull(uri, "uri");
    if (!uri.startsWith(SCHEME)) {
      throw new IllegalArgumentException("not a spiffe URI: " + uri);
    }
    String[] parts = uri.substring(SCHEME.length()).split("/", -1);
    if (parts.length != 5 || !parts[1].equals("tenant") || !parts[3].equals("node")) {
      throw new IllegalArgumentException("not a node identity (spiffe://<domain>/tenant/<t>/node/<n>): " + uri);
    }
    for (String p : new String[] {parts[0], parts[2], parts[4]}) {
      if (p.isEmpty()) {
        throw new IllegalArgumentException("empty path segment in " + uri);
      }
    }
    return new MemberId(uri, parts[0], parts[2], parts[4]);
  }

  /** Builds the identity of node {@code name} of {@code tenant} in trust domain {@code domain}. */
  public static MemberId of(String domain, String tenant, String name) {
    return parse(SCHEME + domain + "/tenant/" + tenant + "/node/" + name);
  }

  public String uri() {
    return uri;
  }

  public String domain() {
    return domain;
  }

  public String tenant() {
    return tenant;
  }

  public String name() {
    return name;
  }

  /** A stable 64-bit hash of the URI (FNV-1a), the same on every node and every run. */
  public long hash64() {
    return hash64;
  }

  /** Bytes this identity takes on the wire (length prefix plus UTF-8). */
  public int encodedSize() {
    return 2 + uri.length();
  }

  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof MemberId other && other.hash64 == hash64 && other.uri.equals(uri));
  }

  @Override
  public int hashCode() {
    return (int) (hash64 ^ (hash64 >>> 32));
  }

  @Override
  public int compareTo(MemberId o) {
    return uri.compareTo(o.uri);
  }

  @Override
  public String toString() {
    return uri;
  }
}
