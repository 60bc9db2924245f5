package dev.hearsay.crypto;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;

/**
 * Netty TLS contexts for hearsay endpoints: TLS 1.3 only, a client certificate always required,
 * and trust decided by the given trust manager alone.
 *
 * <p>Session resumption is off: a resumed session skips the certificate check, and a revoked peer
 * must never complete a handshake again. With BoringSSL the server's session cache is disabled; the
 * JDK engine cannot turn it off, so its cache is cut to one entry of one second. Clients never offer
 * a session (no peer host is given to the engine). Whatever the engine, the overlay's transport
 * checks the peer's certificate again, revocation included, right after every handshake.
 */
public final class TlsContexts {
  public static final String PROTOCOL = "TLSv1.3";

  private TlsContexts() {}

  public static SslContext server(Credentials credentials, TrustManager trustManager) throws SSLException {
    return server(credentials, trustManager, TlsProviders.preferred());
  }

  public static SslContext client(Credentials credentials, TrustManager trustManager) throws SSLException {
    return client(credentials, trustManager, TlsProviders.preferred());
  }

  public static SslContext server(Credentials credentials, TrustManager trustManager, SslProvider provider)
      throws SSLException {
    SslContext context =
        SslContextBuilder.forServer(credentials.keyMaterial().privateKey(), chainOf(credentials))
            .sslProvider(provider)
            .protocols(PROTOCOL)
            .clientAuth(ClientAuth.REQUIRE)
            .trustManager(trustManager)
            .build();
    disableResumption(context.sessionContext());
    return context;
  }

  public static SslContext client(Credentials credentials, TrustManager trustManager, SslProvider provider)
      throws SSLException {
    SslContext context =
        SslContextBuilder.forClient()
            .keyManager(credentials.keyMaterial().privateKey(), chainOf(credentials))
            .sslProvider(provider)
            .protocols(PROTOCOL)
            .trustManager(trustManager)
            // Peers are authenticated by URI SAN, not host name.
            .endpointIdentificationAlgorithm(null)
            .build();
    disableResumption(context.sessionContext());
    return context;
  }

  private static X509Certificate[] chainOf(Credentials credentials) {
    return new X509Certificate[] {credentials.keyMaterial().certificate()};
  }

  private static void disableResumption(SSLSessionContext sessions) {
    if (sessions instanceof io.netty.handler.ssl.OpenSslSessionContext openSsl) {
      openSsl.setSessionCacheEnabled(false);
    } else if (sessions != null) {
      sessions.setSessionCacheSize(1);
      sessions.setSessionTimeout(1);
    }
  }
}
