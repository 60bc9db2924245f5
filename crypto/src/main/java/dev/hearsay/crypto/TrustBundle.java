package dev.hearsay.crypto;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

/**
 * The CA certificates an overlay trusts: normally one, more than one while a CA is rotated. All of
 * them must be hearsay CAs of the same trust domain (read from their URI name constraint).
 */
public final class TrustBundle {
  private final List<X509Certificate> certificates;
  private final String trustDomain;
  private final Set<TrustAnchor> anchors;

  public TrustBundle(List<X509Certificate> certificates) {
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("a trust bundle needs at least one CA certificate");
    }
    this.certificates = List.copyOf(certificates);
    String domain = null;
    Set<TrustAnchor> set = new HashSet<>();
    for (X509Certificate ca : this.certificates) {
      String d = trustDomainOf(ca);
      if (domain != null && !domain.equals(d)) {
        throw new IllegalArgumentException("trust bundle mixes trust domains '" + domain + "' and '" + d + "'");
      }
      domain = d;
      // The JDK's PKIX cannot apply name constraints on an anchor; the validator enforces the trust
      // domain itself by reading the one identity the leaf carries.
      set.add(new TrustAnchor(ca, null));
    }
    this.trustDomain = domain;
    this.anchors = Set.copyOf(set);
  }

  public static TrustBundle load(Path pemFile) throws IOException {
    try {
      return new TrustBundle(Pem.readCertificates(pemFile));
    } catch (IllegalArgumentException e) {
      throw new IOException(pemFile + ": " + e.getMessage(), e);
    }
  }

  /**
   * The trust domain a hearsay CA is limited to: the single host in its permitted URI name
   * constraint. A certificate that is not such a CA is refused.
   */
  public static String trustDomainOf(X509Certificate ca) {
    if (ca.getBasicConstraints() < 0) {
      throw new IllegalArgumentException("certificate " + ca.getSubjectX500Principal() + " is not a CA");
    }
    byte[] ext = ca.getExtensionValue(Extension.nameConstraints.getId());
    if (ext == null) {
      throw new IllegalArgumentException("CA " + ca.getSubjectX500Principal() + " has no name constraints; not a hearsay CA");
    }
    NameConstraints constraints = NameConstraints.getInstance(ASN1OctetString.getInstance(ext).getOctets());
    GeneralSubtree[] permitted = constraints.getPermittedSubtrees();
    if (permitted == null || permitted.length != 1
        || permitted[0].getBase().getTagNo() != GeneralName.uniformResourceIdentifier) {
      throw new IllegalArgumentException(
          "CA " + ca.getSubjectX500Principal() + " must permit exactly one URI trust domain");
    }
    return NodeIdentity.checkTrustDomain(permitted[0].getBase().getName().toString());
  }

  public List<X509Certificate> certificates() {
    return certificates;
  }

  public String trustDomain() {
    return trustDomain;
  }

  Set<TrustAnchor> anchors() {
    return anchors;
  }

  boolean contains(X509Certificate certificate) {
    return certificates.contains(certificate);
  }
}
