package dev.hearsay.crypto;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The DNS and IP subject alternative names of a certificate (type 2 and 7 in RFC 5280). */
public final class SubjectNames {
  private static final int DNS = 2;
  private static final int IP = 7;

  private SubjectNames() {}

  public static List<String> dnsNames(X509Certificate certificate) {
    List<String> out = new ArrayList<>();
    for (List<?> san : sans(certificate)) {
      if (Integer.valueOf(DNS).equals(san.get(0))) {
        out.add((String) san.get(1));
      }
    }
    return out;
  }

  public static List<InetAddress> ipAddresses(X509Certificate certificate) {
    List<InetAddress> out = new ArrayList<>();
    for (List<?> san : sans(certificate)) {
      if (Integer.valueOf(IP).equals(san.get(0))) {
        try {
          // The JDK renders IP SANs as literals, so this does no name lookup.
          out.add(InetAddress.getByName((String) san.get(1)));
        } catch (UnknownHostException e) {
          throw new InvalidIdentityException("certificate has an unreadable IP SAN: " + san.get(1));
        }
      }
    }
    return out;
  }

  private static Collection<List<?>> sans(X509Certificate certificate) {
    try {
      Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
      return sans == null ? List.of() : sans;
    } catch (CertificateParsingException e) {
      throw new InvalidIdentityException("certificate subjectAltName cannot be parsed: " + e.getMessage());
    }
  }
}
