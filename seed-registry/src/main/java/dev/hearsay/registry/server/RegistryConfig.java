package dev.hearsay.registry.server;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.Role;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * How to run a registry: its credentials (a registry identity), where to listen, where the log lives,
 * and its limits. The clock stamps entries and heads and judges certificate validity; the ticker
 * drives seed expiry and rate limits (tests move both by hand).
 */
public record RegistryConfig(
    Credentials credentials, InetSocketAddress bind, Path dataDir, RegistryLimits limits, Clock clock, Ticker ticker) {

  public RegistryConfig {
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(ticker, "ticker");
    if (credentials.identity().role() != Role.REGISTRY) {
      throw new IllegalArgumentException(
          "a registry runs with a registry identity (spiffe://<domain>/registry/<name>), not " + credentials.identity());
    }
  }

  public static RegistryConfig of(Credentials credentials, InetSocketAddress bind, Path dataDir) {
    return new RegistryConfig(credentials, bind, dataDir, RegistryLimits.DEFAULTS, Clock.systemUTC(), Ticker.systemTicker());
  }

  public RegistryConfig withLimits(RegistryLimits l) {
    return new RegistryConfig(credentials, bind, dataDir, l, clock, ticker);
  }

  public RegistryConfig withClock(Clock c) {
    return new RegistryConfig(credentials, bind, dataDir, limits, c, ticker);
  }

  public RegistryConfig withTicker(Ticker t) {
    return new RegistryConfig(credentials, bind, dataDir, limits, clock, t);
  }
}
