package dev.hearsay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.MtlsHandshake;
import dev.hearsay.crypto.OverlayTrustManager;
import dev.hearsay.crypto.PeerCertificateValidator;
import dev.hearsay.crypto.PeerCheckListener;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.crypto.TlsContexts;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole first-user path: issue with the CLI, load the files, authenticate both ways over TLS. */
class IssuedCertificatesHandshakeTest {
  @TempDir Path dir;

  @Test
  void certificatesIssuedByTheCliCompleteAMutualHandshake() throws Exception {
    Path ca = dir.resolve("ca");
    assertEquals(0, Cli.run("ca", "init", "--domain", "mesh.example.org", "--out", ca.toString()).exitCode());
    assertEquals(0, Cli.run("cert", "issue", "--ca", ca.toString(), "--tenant", "blue", "--node", "n1", "--out", dir.resolve("n1").toString()).exitCode());
    assertEquals(0, Cli.run("cert", "issue", "--ca", ca.toString(), "--tenant", "green", "--node", "n2", "--out", dir.resolve("n2").toString()).exitCode());
    Credentials n1 = Credentials.load(dir.resolve("n1"));
    Credentials n2 = Credentials.load(dir.resolve("n2"));

    try (MtlsHandshake tls = new MtlsHandshake()) {
      MtlsHandshake.Outcome outcome =
          tls.run(TlsContexts.server(n1, trustManager(n1)), TlsContexts.client(n2, trustManager(n2)));

      assertNull(outcome.serverFailure(), () -> String.valueOf(outcome.serverFailure()));
      assertEquals(n2.identity(), outcome.serverSawClient());
      assertEquals(n1.identity(), outcome.clientSawServer());
      assertEquals("hello spiffe://mesh.example.org/tenant/green/node/n2", outcome.greeting());
    }
  }

  private static OverlayTrustManager trustManager(Credentials c) {
    return new OverlayTrustManager(
        new PeerCertificateValidator(c.trustBundle(), c.identity().trustDomain(), Clock.systemUTC(), RevocationCheck.NONE),
        c.trustBundle(),
        PeerCheckListener.NONE);
  }
}
