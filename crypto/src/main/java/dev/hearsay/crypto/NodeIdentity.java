package dev.hearsay.crypto;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The identity of a principal of one overlay, as carried in a certificate's URI SAN:
 *
 * <ul>
 *   <li>{@code spiffe://<domain>/tenant/<tenant>/node/<name>} for nodes,
 *   <li>{@code spiffe://<domain>/registry/<name>} for registries,
 *   <li>{@code spiffe://<domain>/operator/<name>} for operators.
 * </ul>
 *
 * <p>A value object: it can only be made by parsing a URI or a certificate, or from validated parts,
 * so every instance is well formed. Trust domains are DNS-style names (lower-case labels of letters,
 * digits and inner hyphens, dot-separated, at most 253 characters); tenants and names are 1 to 63
 * characters of lower-case letters, digits, {@code .}, {@code _} and {@code -}, starting and ending
 * with a letter or digit.
 */
public final class NodeIdentity {
  public static final String SCHEME = "spiffe://";
  public static final int MAX_DOMAIN_LENGTH = 253;
  public static final int MAX_NAME_LENGTH = 63;

  private static final Pattern DOMAIN_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?");

  private final String trustDomain;
  private final Role role;
  private final String tenant;
  private final String name;
  private final String uri;

  private NodeIdentity(String trustDomain, Role role, String tenant, String name) {
    this.trustDomain = trustDomain;
    this.role = role;
    this.tenant = tenant;
    this.name = name;
    this.uri =
        SCHEME
            + trustDomain
            + switch (role) {
              case NODE -> "/tenant/" + tenant + "/node/" + name;
              case REGISTRY -> "/registry/" + name;
              case OPERATOR -> "/operator/" + name;
            };
  }

  public static NodeIdentity node(String trustDomain, String tenant, String name) {
    return new NodeIdentity(
        checkTrustDomain(trustDomain), Role.NODE, checkName("tenant", tenant), checkName("node name", name));
  }

  public static NodeIdentity registry(String trustDomain, String name) {
    return new NodeIdentity(checkTrustDomain(trustDomain), Role.REGISTRY, null, checkName("registry name", name));
  }

  public static NodeIdentity operator(String trustDomain, String name) {
    return new NodeIdentity(checkTrustDomain(trustDomain), Role.OPERATOR, null, checkName("operator name", name));
  }

  /** Parses an identity URI; throws {@link InvalidIdentityException} naming the first problem. */
  public static NodeIdentity parse(String uri) {
    if (uri == null || uri.isEmpty()) {
      throw new InvalidIdentityException("identity URI is empty");
    }
    if (!uri.startsWith(SCHEME)) {
      throw new InvalidIdentityException("identity URI must start with " + SCHEME + ": " + uri);
    }
    String rest = uri.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    if (slash < 0) {
      throw new InvalidIdentityException("identity URI has no path after the trust domain: " + uri);
    }
    String domain = checkTrustDomain(rest.substring(0, slash));
    String[] path = rest.substring(slash + 1).split("/", -1);
    if (path.length == 4 && path[0].equals("tenant") && path[2].equals("node")) {
      return node(domain, path[1], path[3]);
    }
    if (path.length == 2 && path[0].equals("registry")) {
      return registry(domain, path[1]);
    }
    if (path.length == 2 && path[0].equals("operator")) {
      return operator(domain, path[1]);
    }
    throw new InvalidIdentityException(
        "identity URI path must be /tenant/<tenant>/node/<name>, /registry/<name> or /operator/<name>: " + uri);
  }

  /**
   * Reads the identity from the certificate's single {@code spiffe://} URI SAN. A certificate with
   * none, or with more than one, has no identity.
   */
  public static NodeIdentity fromCertificate(X509Certificate certificate) {
    List<String> spiffe = spiffeUris(certificate);
    if (spiffe.isEmpty()) {
      throw new InvalidIdentityException(
          "certificate " + certificate.getSerialNumber().toString(16) + " has no spiffe:// URI SAN");
    }
    if (spiffe.size() > 1) {
      throw new InvalidIdentityException(
          "certificate " + certificate.getSerialNumber().toString(16) + " has " + spiffe.size()
              + " spiffe:// URI SANs; exactly one is allowed");
    }
    return parse(spiffe.get(0));
  }

  /** The certificate's URI SANs that use the {@code spiffe} scheme, well formed or not. */
  static List<String> spiffeUris(X509Certificate certificate) {
    List<String> spiffe = new ArrayList<>();
    for (String u : uriSans(certificate)) {
      if (u.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
        spiffe.add(u);
      }
    }
    return spiffe;
  }

  private static List<String> uriSans(X509Certificate certificate) {
    Collection<List<?>> sans;
    try {
      sans = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      throw new InvalidIdentityException("certificate subjectAltName cannot be parsed: " + e.getMessage());
    }
    List<String> uris = new ArrayList<>();
    if (sans != null) {
      for (List<?> san : sans) {
        if (san.size() >= 2 && Integer.valueOf(6).equals(san.get(0)) && san.get(1) instanceof String s) {
          uris.add(s);
        }
      }
    }
    return uris;
  }

  /** Validates a trust domain and returns it; throws {@link InvalidIdentityException} otherwise. */
  public static String checkTrustDomain(String domain) {
    if (domain == null || domain.isEmpty()) {
      throw new InvalidIdentityException("trust domain is empty");
    }
    if (domain.length() > MAX_DOMAIN_LENGTH) {
      throw new InvalidIdentityException(
          "trust domain is longer than " + MAX_DOMAIN_LENGTH + " characters");
    }
    for (String label : domain.split("\\.", -1)) {
      if (!DOMAIN_LABEL.matcher(label).matches()) {
        throw new InvalidIdentityException(
            "trust domain '" + domain + "' is not a lower-case DNS-style name"
                + " (labels of a-z, 0-9 and inner '-', separated by '.')");
      }
    }
    return domain;
  }

  static String checkName(String what, String value) {
    if (value == null || value.isEmpty()) {
      throw new InvalidIdentityException(what + " is empty");
    }
    if (value.length() > MAX_NAME_LENGTH) {
      throw new InvalidIdentityException(what + " '" + value + "' is longer than " + MAX_NAME_LENGTH + " characters");
    }
    if (!NAME.matcher(value).matches()) {
      throw new InvalidIdentityException(
          what + " '" + value + "' may only use a-z, 0-9, '.', '_' and '-', starting and ending with a letter or digit");
    }
    return value;
  }

  public String trustDomain() {
    return trustDomain;
  }

  public Role role() {
    return role;
  }

  /** The tenant of a node; empty for registries and operators. */
  public Optional<String> tenant() {
    return Optional.ofNullable(tenant);
  }

  public String name() {
    return name;
  }

  /** The canonical URI form, e.g. {@code spiffe://example.org/tenant/a/node/n1}. */
  public String uri() {
    return uri;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeIdentity other && uri.equals(other.uri);
  }

  @Override
  public int hashCode() {
    return uri.hashCode();
  }

  @Override
  public String toString() {
    return uri;
  }
}
