package dev.hearsay.cli;

import dev.hearsay.overlay.node.Addresses;
import java.net.InetSocketAddress;

/** {@code host:port} arguments, checked up front so a typo fails before anything starts. */
final class HostPort {
  private HostPort() {}

  static InetSocketAddress parse(String flag, String value) {
    try {
      return Addresses.parse(value);
    } catch (IllegalArgumentException e) {
      throw new ExitCodes.InvalidInputException(flag + " '" + value + "': " + e.getMessage());
    }
  }

  static String format(InetSocketAddress a) {
    return Addresses.format(a);
  }
}
