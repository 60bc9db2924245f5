package dev.hearsay.overlay.revocation;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a node follows its seed registry.
 *
 * @param registry {@code https://host:port} of the registry
 * @param maxStaleness how old the verified head may get before {@code policy} applies
 * @param policy what to do while the head is older than {@code maxStaleness}
 * @param longPollWait how long one long-poll waits for new entries; kept well under the registry's
 *     cut (60 s) and under {@code maxStaleness}, since every answer also refreshes the head
 * @param reconcileInterval how often the whole log is re-read from the node's position (a safety net
 *     under the long-poll, e.g. for a poll stuck on a half-open connection)
 * @param startupTimeout bound on the first fetch at start; past it the node starts on its persisted log
 * @param minBackoff first wait after a failed call; doubles per failure, with jitter
 * @param maxBackoff longest wait between attempts while the registry fails
 * @param clock judges head age and certificate validity (tests move it by hand)
 */
public record RegistrySettings(
    URI registry,
    Duration maxStaleness,
    StalenessPolicy policy,
    Duration longPollWait,
    Duration reconcileInterval,
    Duration startupTimeout,
    Duration minBackoff,
    Duration maxBackoff,
    Clock clock) {

  public static final Duration DEFAULT_MAX_STALENESS = Duration.ofMinutes(5);

  public RegistrySettings {
    Objects.requireNonNull(registry, "registry");
    if (!"https".equals(registry.getScheme()) || registry.getHost() == null || registry.getPort() < 1) {
      throw new IllegalArgumentException("the registry address must be https://host:port, got " + registry);
    }
    positive("maxStaleness", maxStaleness);
    Objects.requireNonNull(policy, "policy");
    positive("longPollWait", longPollWait);
    positive("reconcileInterval", reconcileInterval);
    positive("startupTimeout", startupTimeout);
    positive("minBackoff", minBackoff);
    positive("maxBackoff", maxBackoff);
    Objects.requireNonNull(clock, "clock");
    if (maxBackoff.compareTo(minBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff must not be shorter than minBackoff");
    }
  }

  /** Defaults: stale after 5 minutes, policy open, 25 s long-polls, reconcile every 5 minutes, back off 200 ms to 30 s. */
  public static RegistrySettings of(URI registry) {
    return new RegistrySettings(
        registry, DEFAULT_MAX_STALENESS, StalenessPolicy.OPEN, Duration.ofSeconds(25), Duration.ofMinutes(5),
        Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(30), Clock.systemUTC());
  }

  /**
   * The staleness bound and policy; the long-poll wait shrinks to a third of {@code max} when longer,
   * because the head is only refreshed when a poll answers: a healthy node whose poll outlasts the bound
   * would look stale between answers.
   */
  public RegistrySettings withStaleness(Duration max, StalenessPolicy p) {
    positive("maxStaleness", max);
    Duration wait = longPollWait.compareTo(max.dividedBy(3)) > 0 ? pollWaitWithin(max) : longPollWait;
    return new RegistrySettings(registry, max, p, wait, reconcileInterval, startupTimeout, minBackoff, maxBackoff, clock);
  }

  /** A third of {@code max}, never under 100 ms (a shorter wait is a busy loop, not a long-poll). */
  static Duration pollWaitWithin(Duration max) {
    Duration third = max.dividedBy(3);
    Duration floor = Duration.ofMillis(100);
    return third.compareTo(floor) < 0 ? floor : third;
  }

  public RegistrySettings withPolling(Duration wait, Duration reconcile) {
    return new RegistrySettings(registry, maxStaleness, policy, wait, reconcile, startupTimeout, minBackoff, maxBackoff, clock);
  }

  public RegistrySettings withBackoff(Duration min, Duration max) {
    return new RegistrySettings(registry, maxStaleness, policy, longPollWait, reconcileInterval, startupTimeout, min, max, clock);
  }

  public RegistrySettings withStartupTimeout(Duration t) {
    return new RegistrySettings(registry, maxStaleness, policy, longPollWait, reconcileInterval, t, minBackoff, maxBackoff, clock);
  }

  public RegistrySettings withClock(Clock c) {
    return new RegistrySettings(registry, maxStaleness, policy, longPollWait, reconcileInterval, startupTimeout, minBackoff, maxBackoff, c);
  }

  private static void positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }
}
