package dev.hearsay.cli;

import java.net.URI;
import java.net.URISyntaxException;

/** {@code --registry https://host:port}, checked up front so a typo fails before any connection. */
final class RegistryAddress {
  private RegistryAddress() {}

  static URI parse(String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new ExitCodes.InvalidInputException("--registry '" + value + "' is not a URI: " + e.getReason());
    }
    if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1
        || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))
        || uri.getQuery() != null || uri.getFragment() != null) {
      throw new ExitCodes.InvalidInputException("--registry must be https://host:port, got '" + value + "'");
    }
    return URI.create("https://" + uri.getRawAuthority());
  }
}
