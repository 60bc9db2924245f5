package dev.hearsay.registry.api;

import java.util.Locale;
import java.util.regex.Pattern;

/** A gossip address {@code host:port} (IPv6 in brackets), validated and bounded. */
public record SeedAddress(String host, int port) {
  public static final int MAX_LENGTH = 261;
  private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]{2,45}");

  public SeedAddress {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1 to 65535, got " + port);
    }
    host = host.toLowerCase(Locale.ROOT);
    if (!HOST.matcher(host).matches() && !IPV6.matcher(host).matches()) {
      throw new IllegalArgumentException("not a host name or IP address: " + host);
    }
  }

  /** Parses {@code host:port} or {@code [v6]:port}; @throws IllegalArgumentException saying why not. */
  public static SeedAddress parse(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("address must be host:port, at most " + MAX_LENGTH + " characters");
    }
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("address must be host:port: " + text);
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException("an IPv6 address must be in brackets: " + text);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port is not a number: " + text);
    }
    return new SeedAddress(host, port);
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
