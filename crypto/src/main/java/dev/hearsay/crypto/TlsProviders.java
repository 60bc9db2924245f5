package dev.hearsay.crypto;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the TLS engine: BoringSSL through netty-tcnative when its native library loads (about ten
 * times the handshakes per second of the JDK engine here), the JDK's otherwise. Said once in the log.
 */
public final class TlsProviders {
  private static final Logger LOG = LoggerFactory.getLogger(TlsProviders.class);
  private static final AtomicBoolean LOGGED = new AtomicBoolean();

  private TlsProviders() {}

  public static SslProvider preferred() {
    SslProvider provider = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    if (LOGGED.compareAndSet(false, true)) {
      if (provider == SslProvider.OPENSSL) {
        LOG.info("TLS provider: {} through netty-tcnative", OpenSsl.versionString());
      } else {
        LOG.info("TLS provider: JDK SSLEngine (netty-tcnative unavailable: {})", String.valueOf(OpenSsl.unavailabilityCause()));
      }
    }
    return provider;
  }
}
