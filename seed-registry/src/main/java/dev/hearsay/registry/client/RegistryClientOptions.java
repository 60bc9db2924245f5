package dev.hearsay.registry.client;

import dev.hearsay.crypto.RevocationCheck;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * @param connectTimeout TCP connect bound
 * @param requestTimeout bound on a whole call (connect, handshake, answer); a long-poll adds its wait
 * @param maxResponseBytes largest answer accepted
 * @param clock judges the registry certificate's validity
 * @param revocation consulted for the registry's certificate, like any peer's
 */
public record RegistryClientOptions(
    Duration connectTimeout, Duration requestTimeout, int maxResponseBytes, Clock clock, RevocationCheck revocation) {
  public static final RegistryClientOptions DEFAULTS =
      new RegistryClientOptions(Duration.ofSeconds(5), Duration.ofSeconds(15), 4 * 1024 * 1024, Clock.systemUTC(), RevocationCheck.NONE);

  public RegistryClientOptions {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(revocation, "revocation");
    if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (maxResponseBytes < 1024) {
      throw new IllegalArgumentException("maxResponseBytes must be at least 1024");
    }
  }

  public RegistryClientOptions withTimeouts(Duration connect, Duration request) {
    return new RegistryClientOptions(connect, request, maxResponseBytes, clock, revocation);
  }

  public RegistryClientOptions withClock(Clock c) {
    return new RegistryClientOptions(connectTimeout, requestTimeout, maxResponseBytes, c, revocation);
  }

  public RegistryClientOptions withRevocation(RevocationCheck r) {
    return new RegistryClientOptions(connectTimeout, requestTimeout, maxResponseBytes, clock, r);
  }
}
