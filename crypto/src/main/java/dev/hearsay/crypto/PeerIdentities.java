package dev.hearsay.crypto;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/** The identity of the peer of a completed handshake, read from the certificate it presented. */
public final class PeerIdentities {
  private PeerIdentities() {}

  public static X509Certificate peerCertificate(SSLSession session) throws SSLPeerUnverifiedException {
    Certificate[] chain = session.getPeerCertificates();
    if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
      throw new SSLPeerUnverifiedException("peer presented no X.509 certificate");
    }
    return leaf;
  }

  public static NodeIdentity of(SSLSession session) throws SSLPeerUnverifiedException {
    return NodeIdentity.fromCertificate(peerCertificate(session));
  }
}
