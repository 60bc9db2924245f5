package dev.hearsay.cli;

import java.net.InetSocketAddress;

/** {@code host:port} arguments, checked up front so a typo fails before anything starts. */
final class HostPort {
  private HostPort() {}

  static InetSocketAddress parse(String flag, String value) {
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new ExitCodes.InvalidInputException(flag + " '" + value + "' is not host:port");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new ExitCodes.InvalidInputException(flag + " '" + value + "' has no numeric port");
    }
    if (port < 0 || port > 65535) {
      throw new ExitCodes.InvalidInputException(flag + " '" + value + "' has a port out of range");
    }
    return new InetSocketAddress(host, port);
  }

  static String format(InetSocketAddress a) {
    String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }
}
