package dev.hearsay.crypto;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a new leaf certificate says: the identity (its URI SAN), how long it is valid, and optional
 * DNS names and IP addresses for operators whose tools check them (hearsay itself authenticates by
 * the URI alone).
 */
public record IssueRequest(NodeIdentity identity, Duration ttl, List<String> dnsNames, List<InetAddress> ipAddresses) {
  public static final Duration DEFAULT_TTL = Duration.ofHours(720);
  public static final Duration MAX_TTL = Duration.ofDays(3650);

  public IssueRequest {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("certificate lifetime must be positive, got " + ttl);
    }
    if (ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException("certificate lifetime must be at most " + MAX_TTL.toDays() + " days");
    }
    dnsNames = List.copyOf(dnsNames);
    ipAddresses = List.copyOf(ipAddresses);
  }

  public static IssueRequest of(NodeIdentity identity) {
    return new IssueRequest(identity, DEFAULT_TTL, List.of(), List.of());
  }
}
