package dev.hearsay.bench;

import dev.hearsay.crypto.CertificateAuthority;
import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.IssueRequest;
import dev.hearsay.crypto.NodeIdentity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** A throw-away certificate authority for benchmark nodes: real ECDSA P-256 keys and certificates. */
public final class BenchPki {
  public static final String DOMAIN = "bench.hearsay.test";

  private final CertificateAuthority ca;

  public BenchPki() {
    this(CertificateAuthority.create(DOMAIN, Duration.ofDays(30), Clock.systemUTC()));
  }

  private BenchPki(CertificateAuthority ca) {
    this.ca = ca;
  }

  /** The CA another benchmark process saved in {@code dir}, so nodes of several processes trust each other. */
  public static BenchPki load(Path dir) throws IOException {
    return new BenchPki(CertificateAuthority.load(dir, Clock.systemUTC()));
  }

  /** Fresh credentials (new key pair, certificate issued by this CA) for {@code tenant}/{@code name}. */
  public Credentials node(String tenant, String name) {
    return Credentials.of(ca.issueWithNewKey(IssueRequest.of(NodeIdentity.node(DOMAIN, tenant, name))), ca.trustBundle());
  }

  public CertificateAuthority ca() {
    return ca;
  }
}
