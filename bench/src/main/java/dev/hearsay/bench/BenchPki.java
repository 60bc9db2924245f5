package dev.hearsay.bench;

import dev.hearsay.crypto.CertificateAuthority;
import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.IssueRequest;
import dev.hearsay.crypto.NodeIdentity;
import java.time.Clock;
import java.time.Duration;

/** A throw-away certificate authority for benchmark nodes: real ECDSA P-256 keys and certificates. */
public final class BenchPki {
  public static final String DOMAIN = "bench.hearsay.test";

  private final CertificateAuthority ca;

  public BenchPki() {
    this.ca = CertificateAuthority.create(DOMAIN, Duration.ofDays(30), Clock.systemUTC());
  }

  /** Fresh credentials (new key pair, certificate issued by this CA) for {@code tenant}/{@code name}. */
  public Credentials node(String tenant, String name) {
    return Credentials.of(ca.issueWithNewKey(IssueRequest.of(NodeIdentity.node(DOMAIN, tenant, name))), ca.trustBundle());
  }

  public CertificateAuthority ca() {
    return ca;
  }
}
