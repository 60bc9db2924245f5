package dev.hearsay.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hearsay.crypto.Fingerprint;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.SubjectNames;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;

/** What {@code cert inspect} shows, as text or JSON. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CertificateSummary(
    String identity,
    String role,
    String tenant,
    String name,
    String trustDomain,
    String serial,
    String sha256Fingerprint,
    String notBefore,
    String notAfter,
    String issuer,
    List<String> dnsNames,
    List<String> ipAddresses) {

  static CertificateSummary of(X509Certificate c) {
    NodeIdentity id = NodeIdentity.fromCertificate(c);
    return new CertificateSummary(
        id.uri(),
        id.role().label(),
        id.tenant().orElse(null),
        id.name(),
        id.trustDomain(),
        c.getSerialNumber().toString(16),
        Fingerprint.of(c).colonHex(),
        c.getNotBefore().toInstant().toString(),
        c.getNotAfter().toInstant().toString(),
        c.getIssuerX500Principal().getName(),
        SubjectNames.dnsNames(c),
        SubjectNames.ipAddresses(c).stream().map(InetAddress::getHostAddress).toList());
  }

  void print(PrintWriter out) {
    row(out, "identity", identity);
    row(out, "role", role);
    if (tenant != null) {
      row(out, "tenant", tenant);
    }
    row(out, "name", name);
    row(out, "trust domain", trustDomain);
    row(out, "serial", serial);
    row(out, "sha256", sha256Fingerprint);
    row(out, "not before", notBefore);
    row(out, "not after", notAfter);
    row(out, "issuer", issuer);
    if (!dnsNames.isEmpty()) {
      row(out, "dns", String.join(", ", dnsNames));
    }
    if (!ipAddresses.isEmpty()) {
      row(out, "ip", String.join(", ", ipAddresses));
    }
  }

  private static void row(PrintWriter out, String key, String value) {
    out.printf("%-13s %s%n", key, value);
  }
}
