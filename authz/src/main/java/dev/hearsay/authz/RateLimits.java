package dev.hearsay.authz;

/**
 * How much one authenticated peer may cost a node, per identity (not per address). The peer guard
 * turns each rate into a token bucket that holds one period's worth (a second, or a minute for the
 * per-minute rates); {@code connections} is a cap on simultaneous connections. Zero means none at all.
 *
 * @param framesPerSecond frames received from the peer
 * @param bytesPerSecond bytes received from the peer, frame headers included
 * @param claimsPerSecond claims the peer introduces that were not already known (relayed copies of
 *     known claims cost no verification and are not counted)
 * @param accusationsPerMinute SUSPECT claims signed by the peer
 * @param connections simultaneous connections from the peer's identity
 * @param joinsPerMinute join requests from the peer
 * @param verificationsPerSecond signature verifications the peer's traffic may cause
 */
public record RateLimits(
    long framesPerSecond,
    long bytesPerSecond,
    long claimsPerSecond,
    long accusationsPerMinute,
    long connections,
    long joinsPerMinute,
    long verificationsPerSecond) {

  public RateLimits {
    check("frames-per-second", framesPerSecond);
    check("bytes-per-second", bytesPerSecond);
    check("claims-per-second", claimsPerSecond);
    check("accusations-per-minute", accusationsPerMinute);
    check("connections", connections);
    check("joins-per-minute", joinsPerMinute);
    check("verifications-per-second", verificationsPerSecond);
  }

  private static void check(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative: " + value);
    }
  }

  /**
   * The built-in limits of a role; POLICY.md explains each number. Members: about 50 times what an
   * honest member sends a given peer in steady state, so bursts (push-pull, catch-up after a pause)
   * pass and a flooder is cut off early. Seeds take joins and full syncs from everyone, so their
   * traffic budget is larger. Registries and operators never accuse or join the gossip.
   */
  public static RateLimits defaultsFor(PolicyRole role) {
    return switch (role) {
      case MEMBER -> new RateLimits(200, 256 * 1024, 500, 30, 4, 10, 200);
      case SEED -> new RateLimits(400, 1024 * 1024, 1000, 30, 8, 10, 400);
      case REGISTRY -> new RateLimits(50, 256 * 1024, 100, 0, 2, 0, 100);
      case OPERATOR -> new RateLimits(20, 64 * 1024, 50, 0, 2, 0, 50);
    };
  }
}
