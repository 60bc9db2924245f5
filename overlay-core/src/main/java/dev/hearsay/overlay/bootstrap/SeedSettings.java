package dev.hearsay.overlay.bootstrap;

import java.time.Duration;
import java.util.Objects;

/**
 * How a node that follows a registry uses its seed list ({@code /v1/seeds}).
 *
 * @param register whether the node registers its advertised address as a seed and keeps renewing it
 * @param joinFanout how many listed addresses one bootstrap round joins through
 * @param minRenewInterval renewals never come closer together than this, whatever the registry's TTL
 * @param maxRenewInterval renewals never come further apart than this (a third of the registry's
 *     default TTL), so a node whose clock runs behind the registry's still renews in time
 * @param minBackoff first wait after a failed call or a round that left the node alone; doubles, jittered
 * @param maxBackoff longest such wait
 * @param staticSeedGrace with static seeds, how long they alone are tried before the registry is asked too
 * @param firstCheck after joining, when the list is read again for members this node does not know
 *     (two groups that bootstrapped at once through each other only); doubles each time
 * @param maxCheck the longest gap between such reads
 */
public record SeedSettings(
    boolean register,
    int joinFanout,
    Duration minRenewInterval,
    Duration maxRenewInterval,
    Duration minBackoff,
    Duration maxBackoff,
    Duration staticSeedGrace,
    Duration firstCheck,
    Duration maxCheck) {

  /** Registers; joins through 3; renews every 1 to 30 s; backs off 1 to 30 s; static seeds get 10 s; re-reads 5 s to 5 min. */
  public static final SeedSettings DEFAULTS = new SeedSettings(
      true, 3, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(30),
      Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMinutes(5));

  public SeedSettings {
    if (joinFanout < 1 || joinFanout > 16) {
      throw new IllegalArgumentException("joinFanout must be 1 to 16, got " + joinFanout);
    }
    positive("minRenewInterval", minRenewInterval);
    positive("maxRenewInterval", maxRenewInterval);
    positive("minBackoff", minBackoff);
    positive("maxBackoff", maxBackoff);
    Objects.requireNonNull(staticSeedGrace, "staticSeedGrace");
    if (staticSeedGrace.isNegative()) {
      throw new IllegalArgumentException("staticSeedGrace must not be negative");
    }
    positive("firstCheck", firstCheck);
    positive("maxCheck", maxCheck);
    ordered("renew interval", minRenewInterval, maxRenewInterval);
    ordered("backoff", minBackoff, maxBackoff);
    ordered("check", firstCheck, maxCheck);
  }

  public SeedSettings withRegister(boolean r) {
    return new SeedSettings(r, joinFanout, minRenewInterval, maxRenewInterval, minBackoff, maxBackoff, staticSeedGrace, firstCheck, maxCheck);
  }

  public SeedSettings withBackoff(Duration min, Duration max) {
    return new SeedSettings(register, joinFanout, minRenewInterval, maxRenewInterval, min, max, staticSeedGrace, firstCheck, maxCheck);
  }

  public SeedSettings withRenewInterval(Duration min, Duration max) {
    return new SeedSettings(register, joinFanout, min, max, minBackoff, maxBackoff, staticSeedGrace, firstCheck, maxCheck);
  }

  private static void positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }

  private static void ordered(String name, Duration min, Duration max) {
    if (max.compareTo(min) < 0) {
      throw new IllegalArgumentException(name + ": the maximum must not be shorter than the minimum");
    }
  }
}
