package dev.hearsay.registry.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Every bound of the registry server in one place. The defaults suit a 1,000-node overlay: nodes
 * hold one long-poll each, renew their seed entry well within the TTL, and poll at most a few times
 * a second.
 *
 * @param maxBodyBytes largest request body (413 beyond)
 * @param pageSize most entries per response
 * @param maxLongPoll longest a long-poll waits (longer requests are cut to this)
 * @param maxWaiters most long-polls pending at once (503 beyond)
 * @param requestsPerSecond sustained requests per identity (429 beyond)
 * @param burst requests an identity may make at once
 * @param seedTtl how long a seed registration lasts without renewal
 * @param maxSeeds most seed registrations held
 * @param maxConnections most open connections
 * @param idleTimeout a connection with no traffic for this long is closed (longer than maxLongPoll)
 * @param publishQueue publishes waiting for the disk (503 beyond)
 * @param maxEntries most entries the log holds (507 beyond)
 * @param headRefresh a signed head is reused for this long while the log does not change
 */
public record RegistryLimits(
    int maxBodyBytes,
    int pageSize,
    Duration maxLongPoll,
    int maxWaiters,
    double requestsPerSecond,
    int burst,
    Duration seedTtl,
    int maxSeeds,
    int maxConnections,
    Duration idleTimeout,
    int publishQueue,
    int maxEntries,
    Duration headRefresh) {

  public static final RegistryLimits DEFAULTS =
      new RegistryLimits(
          16 * 1024, 256, Duration.ofSeconds(60), 4096, 20, 100, Duration.ofSeconds(90), 10_000, 8192,
          Duration.ofSeconds(120), 256, 1_000_000, Duration.ofSeconds(1));

  public RegistryLimits {
    positive("maxBodyBytes", maxBodyBytes);
    positive("pageSize", pageSize);
    positive("maxWaiters", maxWaiters);
    positive("burst", burst);
    positive("maxSeeds", maxSeeds);
    positive("maxConnections", maxConnections);
    positive("publishQueue", publishQueue);
    positive("maxEntries", maxEntries);
    if (!(requestsPerSecond > 0)) {
      throw new IllegalArgumentException("requestsPerSecond must be positive");
    }
    for (Duration d : new Duration[] {maxLongPoll, seedTtl, idleTimeout, headRefresh}) {
      Objects.requireNonNull(d, "durations");
      if (d.isNegative()) {
        throw new IllegalArgumentException("durations must not be negative");
      }
    }
    if (idleTimeout.compareTo(maxLongPoll) <= 0) {
      throw new IllegalArgumentException("idleTimeout must be longer than maxLongPoll, or long-polls would be cut");
    }
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }

  public RegistryLimits withMaxBodyBytes(int v) {
    return new RegistryLimits(v, pageSize, maxLongPoll, maxWaiters, requestsPerSecond, burst, seedTtl, maxSeeds, maxConnections, idleTimeout, publishQueue, maxEntries, headRefresh);
  }

  public RegistryLimits withPageSize(int v) {
    return new RegistryLimits(maxBodyBytes, v, maxLongPoll, maxWaiters, requestsPerSecond, burst, seedTtl, maxSeeds, maxConnections, idleTimeout, publishQueue, maxEntries, headRefresh);
  }

  public RegistryLimits withMaxWaiters(int v) {
    return new RegistryLimits(maxBodyBytes, pageSize, maxLongPoll, v, requestsPerSecond, burst, seedTtl, maxSeeds, maxConnections, idleTimeout, publishQueue, maxEntries, headRefresh);
  }

  public RegistryLimits withRate(double perSecond, int burstSize) {
    return new RegistryLimits(maxBodyBytes, pageSize, maxLongPoll, maxWaiters, perSecond, burstSize, seedTtl, maxSeeds, maxConnections, idleTimeout, publishQueue, maxEntries, headRefresh);
  }

  public RegistryLimits withSeedTtl(Duration v) {
    return new RegistryLimits(maxBodyBytes, pageSize, maxLongPoll, maxWaiters, requestsPerSecond, burst, v, maxSeeds, maxConnections, idleTimeout, publishQueue, maxEntries, headRefresh);
  }
}
