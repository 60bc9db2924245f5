package dev.hearsay.crypto;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLException;

/** An overlay's PKI for tests: a CA for {@code example.org} and helpers to build TLS endpoints. */
public final class TestPki {
  public static final String DOMAIN = "example.org";

  public final MutableClock clock = MutableClock.startingNow();
  public final CertificateAuthority ca = CertificateAuthority.create(DOMAIN, Duration.ofDays(365), clock);

  public Credentials node(String tenant, String name) {
    return Credentials.of(ca.issueWithNewKey(IssueRequest.of(NodeIdentity.node(DOMAIN, tenant, name))), ca.trustBundle());
  }

  public Credentials node(String tenant, String name, Duration ttl) {
    return Credentials.of(
        ca.issueWithNewKey(new IssueRequest(NodeIdentity.node(DOMAIN, tenant, name), ttl, List.of(), List.of())),
        ca.trustBundle());
  }

  /** Credentials whose key material need not pass our CA's rules, trusting our bundle. */
  public Credentials forged(KeyMaterial material, NodeIdentity claimed) {
    return new Credentials(material, ca.trustBundle(), claimed);
  }

  public OverlayTrustManager trustManager(Clock clock, RevocationCheck revocation, PeerCheckListener listener) {
    return new OverlayTrustManager(
        new PeerCertificateValidator(ca.trustBundle(), DOMAIN, clock, revocation), ca.trustBundle(), listener);
  }

  public SslContext server(Credentials credentials, RevocationCheck revocation, PeerCheckListener listener, SslProvider provider)
      throws SSLException {
    return TlsContexts.server(credentials, trustManager(clock, revocation, listener), provider);
  }

  public SslContext client(Credentials credentials, SslProvider provider) throws SSLException {
    return TlsContexts.client(credentials, trustManager(clock, RevocationCheck.NONE, PeerCheckListener.NONE), provider);
  }
}
