package dev.hearsay.registry.client;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.IssueRequest;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.PeerCertificateValidator;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.registry.log.ChainVerifier;
import dev.hearsay.registry.log.HeadVerifier;
import dev.hearsay.registry.server.RegistryConfig;
import dev.hearsay.registry.server.RegistryLimits;
import dev.hearsay.registry.server.RegistryServer;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;

/** A registry on loopback with real certificates, and clients for its principals. */
final class RegistryFixture implements AutoCloseable {
  final TestPki pki = new TestPki();
  final FakeTicker ticker = new FakeTicker();
  final Credentials registry = credentials(NodeIdentity.registry(TestPki.DOMAIN, "r1"));
  final Credentials operator = credentials(NodeIdentity.operator(TestPki.DOMAIN, "alice"));
  final Credentials member = pki.node("blue", "n1");
  final Path dataDir;
  private final List<AutoCloseable> open = new ArrayList<>();
  RegistryServer server;

  RegistryFixture(Path dataDir) {
    this.dataDir = dataDir;
  }

  Credentials credentials(NodeIdentity identity) {
    return Credentials.of(pki.ca.issueWithNewKey(IssueRequest.of(identity)), pki.ca.trustBundle());
  }

  RegistryServer start(RegistryLimits limits) throws IOException {
    server =
        RegistryServer.start(
            RegistryConfig.of(registry, new InetSocketAddress("127.0.0.1", 0), dataDir)
                .withLimits(limits)
                .withClock(pki.clock)
                .withTicker(ticker));
    return server;
  }

  URI uri() {
    return URI.create("https://127.0.0.1:" + server.port());
  }

  RegistryClient client(Credentials credentials) throws SSLException {
    RegistryClient c =
        RegistryClient.create(
            uri(), credentials, RegistryClientOptions.DEFAULTS.withClock(pki.clock).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10)));
    open.add(c);
    return c;
  }

  /** Raw requests, for bodies the client would never send. */
  HttpsExchange raw(Credentials credentials) throws SSLException {
    NioEventLoopGroup group = new NioEventLoopGroup(1);
    open.add(() -> group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly());
    return new HttpsExchange(group, pki.client(credentials, dev.hearsay.crypto.TlsProviders.preferred()), "127.0.0.1", server.port(), Duration.ofSeconds(5), 1 << 20);
  }

  ChainVerifier chainVerifier() {
    return new ChainVerifier(
        new HeadVerifier(new PeerCertificateValidator(pki.ca.trustBundle(), TestPki.DOMAIN, pki.clock, RevocationCheck.NONE)));
  }

  @Override
  public void close() throws IOException {
    for (AutoCloseable c : open) {
      try {
        c.close();
      } catch (IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException(e);
      }
    }
    if (server != null) {
      server.close();
    }
  }
}
