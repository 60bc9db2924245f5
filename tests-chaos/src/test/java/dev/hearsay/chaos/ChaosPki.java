package dev.hearsay.chaos;

import dev.hearsay.crypto.CertificateAuthority;
import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.IssueRequest;
import dev.hearsay.crypto.NodeIdentity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * One overlay's CA and the certificates of a chaos run, issued with the product's own CA code and
 * written as the CLI writes them ({@code cert.pem}, {@code key.pem}, {@code ca.pem}) under {@code dir},
 * one folder per principal, ready to be copied into containers.
 */
final class ChaosPki {
  static final String DOMAIN = "chaos.hearsay.test";

  private final CertificateAuthority ca = CertificateAuthority.create(DOMAIN, Duration.ofDays(1), Clock.systemUTC());
  private final Path dir;

  ChaosPki(Path dir) {
    this.dir = dir;
  }

  Path node(String tenant, String name) throws IOException {
    return save(name, NodeIdentity.node(DOMAIN, tenant, name));
  }

  Path registry() throws IOException {
    return save("registry", NodeIdentity.registry(DOMAIN, "registry"));
  }

  Path operator() throws IOException {
    return save("operator", NodeIdentity.operator(DOMAIN, "ops"));
  }

  /** Credentials in memory, for a principal the test JVM itself plays (the adversary). */
  Credentials inMemory(String tenant, String name) {
    return Credentials.of(ca.issueWithNewKey(IssueRequest.of(NodeIdentity.node(DOMAIN, tenant, name))), ca.trustBundle());
  }

  private Path save(String folder, NodeIdentity identity) throws IOException {
    Path out = dir.resolve(folder);
    Credentials.of(ca.issueWithNewKey(IssueRequest.of(identity)), ca.trustBundle()).save(out, false);
    return out;
  }
}
