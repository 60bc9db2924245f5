package dev.hearsay.overlay.node;

import java.net.InetSocketAddress;

/** Gossip addresses are {@code host:port} strings, as ALIVE claims carry them. */
public final class Addresses {
  private Addresses() {}

  /** Parses {@code host:port} or {@code [v6]:port}; port 0 means "any free port" for binding. */
  public static InetSocketAddress parse(String address) {
    int colon = address.lastIndexOf(':');
    if (colon <= 0 || colon == address.length() - 1) {
      throw new IllegalArgumentException("address must be host:port: '" + address + "'");
    }
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port is not a number in '" + address + "'");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range in '" + address + "'");
    }
    return new InetSocketAddress(host, port);
  }

  public static String format(InetSocketAddress address) {
    String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
