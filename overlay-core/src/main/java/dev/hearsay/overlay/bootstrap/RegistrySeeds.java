package dev.hearsay.overlay.bootstrap;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.overlay.revocation.RegistrySettings;
import dev.hearsay.registry.api.SeedAddress;
import dev.hearsay.registry.client.RegistryClient;
import dev.hearsay.registry.client.RegistryClientOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's use of its registry's seed list, the whole of it for {@code Node}: keeping its own address
 * registered ({@link SeedRegistration}, unless the settings say not to) and joining through listed
 * addresses while it has no member ({@link SeedBootstrap}). Both run on one thread of their own and
 * talk to the registry with a client of their own, so neither waits on the other's long calls nor
 * ever blocks the node's event loop or its start.
 */
public final class RegistrySeeds implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegistrySeeds.class);

  private final RegistryClient client;
  private final ScheduledThreadPoolExecutor executor;
  private final SeedRegistration registration;
  private final SeedBootstrap bootstrap;

  private RegistrySeeds(RegistryClient client, ScheduledThreadPoolExecutor executor, SeedRegistration registration, SeedBootstrap bootstrap) {
    this.client = client;
    this.executor = executor;
    this.registration = registration;
    this.bootstrap = bootstrap;
  }

  /**
   * Prepares, without calling the registry yet.
   *
   * @param advertised the address this node's ALIVE names, which it registers
   * @param staticSeeds whether the node was also given seeds of its own, which are then tried first
   */
  public static RegistrySeeds create(
      SeedSettings settings, RegistrySettings registry, Credentials credentials, String advertised, boolean staticSeeds,
      NodeMembership membership, MeterRegistry metrics) throws SSLException {
    SeedAddress self = ownAddress(advertised, settings.register());
    RegistryClient client = RegistryClient.create(registry.registry(), credentials, RegistryClientOptions.DEFAULTS.withClock(registry.clock()));
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("hearsay-seeds", true));
    executor.setRemoveOnCancelPolicy(true);
    SplittableRandom random = new SplittableRandom(new SecureRandom().nextLong());
    Delays delays = new Delays(random);
    SeedTasks tasks = new SeedTasks(executor);
    SeedCounters counters = new SeedCounters(metrics);
    SeedRegistration registration = settings.register() && self != null
        ? new SeedRegistration(client::registerSeedAsync, self, registry.registry(), settings, registry.clock(), delays, tasks, counters)
        : null;
    SeedBootstrap bootstrap = new SeedBootstrap(client::seedListAsync, membership, new SeedSelection(credentials.identity(), self),
        staticSeeds, registry.registry(), settings, registry.clock(), delays, random, tasks, counters);
    return new RegistrySeeds(client, executor, registration, bootstrap);
  }

  /** This node's address as a seed address; null (registration off, logged) when it cannot be one. */
  private static SeedAddress ownAddress(String advertised, boolean register) {
    try {
      return SeedAddress.parse(advertised);
    } catch (IllegalArgumentException e) {
      if (register) {
        LOG.error("not registering as a seed: the advertised address {} is not a seed address ({})", advertised, e.getMessage());
      }
      return null;
    }
  }

  /** Registers (in the background) and starts bootstrapping; returns at once. */
  public void start() {
    if (registration != null) {
      registration.start();
    }
    bootstrap.start();
  }

  /** Stops renewing and bootstrapping, for a node that is leaving; the registration then lapses. */
  public void stop() {
    if (registration != null) {
      registration.stop();
    }
    bootstrap.stop();
  }

  /** For the node's {@code /health}. */
  public Map<String, Object> health() {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("registration", registration != null ? registration.health() : Map.of("enabled", false));
    h.put("bootstrap", bootstrap.health());
    return h;
  }

  @Override
  public void close() {
    stop();
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    client.close();
  }
}
