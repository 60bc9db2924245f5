package dev.hearsay.overlay.node;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.IssueRequest;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.registry.client.RegistryClient;
import dev.hearsay.registry.client.RegistryClientOptions;
import dev.hearsay.registry.server.RegistryConfig;
import dev.hearsay.registry.server.RegistryLimits;
import dev.hearsay.registry.server.RegistryServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * A real seed registry on loopback for node tests, on the test PKI's clock, with an operator to
 * publish as; clients made here are closed with it.
 */
final class TestRegistry implements AutoCloseable {
  final RegistryServer server;
  final Credentials operator;
  private final TestPki pki;
  private final List<RegistryClient> clients = new ArrayList<>();

  private TestRegistry(RegistryServer server, Credentials operator, TestPki pki) {
    this.server = server;
    this.operator = operator;
    this.pki = pki;
  }

  /** @param port 0 for any free port */
  static TestRegistry start(TestPki pki, Path dataDir, int port, RegistryLimits limits) throws IOException {
    Credentials registry = issue(pki, NodeIdentity.registry(TestPki.DOMAIN, "r1"));
    RegistryServer server = RegistryServer.start(
        RegistryConfig.of(registry, new InetSocketAddress("127.0.0.1", port), dataDir).withClock(pki.clock).withLimits(limits));
    return new TestRegistry(server, issue(pki, NodeIdentity.operator(TestPki.DOMAIN, "alice")), pki);
  }

  static Credentials issue(TestPki pki, NodeIdentity identity) {
    return Credentials.of(pki.ca.issueWithNewKey(IssueRequest.of(identity)), pki.ca.trustBundle());
  }

  static URI uri(int port) {
    return URI.create("https://127.0.0.1:" + port);
  }

  int port() {
    return server.port();
  }

  RegistryClient client(Credentials who) throws SSLException {
    RegistryClient c = RegistryClient.create(uri(port()), who, RegistryClientOptions.DEFAULTS.withClock(pki.clock));
    clients.add(c);
    return c;
  }

  @Override
  public void close() throws IOException {
    clients.forEach(RegistryClient::close);
    server.close();
  }
}
