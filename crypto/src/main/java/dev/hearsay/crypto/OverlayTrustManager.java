package dev.hearsay.crypto;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS trust manager of every hearsay endpoint: both directions go through one
 * {@link PeerCertificateValidator}; host names play no part (identity is the URI SAN).
 */
public final class OverlayTrustManager extends X509ExtendedTrustManager {
  private static final Logger LOG = LoggerFactory.getLogger(OverlayTrustManager.class);

  private final PeerCertificateValidator validator;
  private final TrustBundle bundle;
  private final PeerCheckListener listener;

  public OverlayTrustManager(PeerCertificateValidator validator, TrustBundle bundle, PeerCheckListener listener) {
    this.validator = validator;
    this.bundle = bundle;
    this.listener = listener;
  }

  private void check(X509Certificate[] chain, PeerCertificateValidator.Purpose purpose) throws CertificateException {
    try {
      listener.admitted(validator.validate(chain, purpose));
    } catch (PeerRejectedException e) {
      LOG.warn("refused TLS {} peer: {}", purpose.name().toLowerCase(java.util.Locale.ROOT), e.getMessage());
      listener.rejected(e);
      throw e;
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    check(chain, PeerCertificateValidator.Purpose.CLIENT);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    check(chain, PeerCertificateValidator.Purpose.SERVER);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    check(chain, PeerCertificateValidator.Purpose.CLIENT);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    check(chain, PeerCertificateValidator.Purpose.SERVER);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    check(chain, PeerCertificateValidator.Purpose.CLIENT);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    check(chain, PeerCertificateValidator.Purpose.SERVER);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return bundle.certificates().toArray(X509Certificate[]::new);
  }
}
