package dev.hearsay.overlay.guard;

import java.time.Duration;

/**
 * The guard's own bounds (the per-identity rates come from the policy's {@code RateLimits}).
 *
 * @param maxScore a clean peer's score
 * @param minScore the lowest a score goes, so recovery from the worst is bounded
 * @param recoveryPerSecond points regained per second without violations
 * @param dropBelow at or below this score every frame of the peer is dropped
 * @param disconnectBelow at or below this score the peer's connections are closed
 * @param banBelow at or below this score the peer is banned
 * @param firstBan the first ban's length; each further ban within {@code banMemory} doubles it
 * @param maxBan the longest ban
 * @param banMemory how long past bans count toward the next one's length
 * @param peerIdle per-peer state unused this long is dropped (a peer back later starts clean)
 * @param maxPeers per-peer states held at most (least recently used go first)
 * @param addressConnectionsPerSecond connection attempts accepted per source address per second
 * @param addressHandshakeFailuresPerMinute failed handshakes from one address per minute before it is banned
 * @param addressRefusedIdentitiesPerMinute completed handshakes from one address per minute of identities
 *     refused right after (banned, or disconnected and not yet recovered) before the address is banned:
 *     each cost a handshake for nothing
 * @param maxAddresses per-address states held at most
 * @param knownClaims claims remembered as already seen, so relayed copies cost no claim budget
 * @param overloadPendingTasks the node counts as overloaded when its event loop has more tasks queued
 * @param overloadInboundBytesPerSecond ... or when it receives more frame bytes per second than this
 * @param pauseReadingFor how long a noisy peer's connection stops being read when the node is overloaded
 * @param maxPausedShare the largest share of connected peers paused at once (never all of them)
 * @param topScores how many of the lowest scores are published as gauges
 * @param answers what a peer may send outside its budgets in answer to this node's own request
 * @param tarpit how connections from a banned address are held open unread before they are closed
 */
public record GuardSettings(
    double maxScore,
    double minScore,
    double recoveryPerSecond,
    double dropBelow,
    double disconnectBelow,
    double banBelow,
    Duration firstBan,
    Duration maxBan,
    Duration banMemory,
    Duration peerIdle,
    int maxPeers,
    long addressConnectionsPerSecond,
    long addressHandshakeFailuresPerMinute,
    long addressRefusedIdentitiesPerMinute,
    int maxAddresses,
    int knownClaims,
    int overloadPendingTasks,
    long overloadInboundBytesPerSecond,
    Duration pauseReadingFor,
    double maxPausedShare,
    int topScores,
    AnswerLimits answers,
    TarpitLimits tarpit) {

  public GuardSettings {
    if (!(minScore < banBelow && banBelow < disconnectBelow && disconnectBelow < dropBelow && dropBelow < maxScore)) {
      throw new IllegalArgumentException("scores must satisfy min < ban < disconnect < drop < max");
    }
    if (recoveryPerSecond <= 0 || firstBan.isNegative() || firstBan.isZero() || maxBan.compareTo(firstBan) < 0) {
      throw new IllegalArgumentException("recovery must be positive and 0 < firstBan <= maxBan");
    }
    if (maxPeers < 1 || maxAddresses < 1 || knownClaims < 1 || topScores < 0) {
      throw new IllegalArgumentException("sizes must be positive");
    }
    if (!(maxPausedShare > 0 && maxPausedShare < 1)) {
      throw new IllegalArgumentException("maxPausedShare must be in (0, 1): never pause every peer");
    }
  }

  /**
   * Defaults for a production overlay. A clean peer (100) that floods loses a point per dropped
   * frame: it is quarantined within ~50 over-limit frames, disconnected at 25, banned at 0, all in
   * well under a second at flood rates; an honest peer that trips a limit now and then recovers
   * 2 points a second. Bans start at 30 s and double up to an hour. 200 connection attempts per
   * second per address let a rack behind one NAT, or a test cluster on loopback, start at once,
   * while capping the handshakes one address can make us compute; 20 failed handshakes a minute is
   * far more than misconfiguration produces, and past it the address is banned. An identity refused
   * right after its handshake (banned, or disconnected and not yet recovered) cost us the handshake
   * too: an honest node redials a peer that refused it after 2, 4, 8, 16 s (its dial back-off, at most
   * five dials in any minute), so five such handshakes a minute are allowed, and a flooder
   * reconnecting at will gets its address banned within a second.
   */
  public static GuardSettings defaults() {
    return new GuardSettings(
        100, -100, 2, 50, 25, 0,
        Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofHours(6),
        Duration.ofMinutes(10), 10_000,
        200, 20, 5, 10_000,
        100_000,
        10_000, 64L * 1024 * 1024, Duration.ofMillis(250), 0.5,
        5, AnswerLimits.defaults(), TarpitLimits.defaults());
  }

  public GuardSettings withAnswers(AnswerLimits limits) {
    return new GuardSettings(maxScore, minScore, recoveryPerSecond, dropBelow, disconnectBelow, banBelow, firstBan, maxBan, banMemory,
        peerIdle, maxPeers, addressConnectionsPerSecond, addressHandshakeFailuresPerMinute, addressRefusedIdentitiesPerMinute, maxAddresses, knownClaims,
        overloadPendingTasks, overloadInboundBytesPerSecond, pauseReadingFor, maxPausedShare, topScores, limits, tarpit);
  }

  public GuardSettings withBans(Duration first, Duration max) {
    return new GuardSettings(maxScore, minScore, recoveryPerSecond, dropBelow, disconnectBelow, banBelow, first, max, banMemory,
        peerIdle, maxPeers, addressConnectionsPerSecond, addressHandshakeFailuresPerMinute, addressRefusedIdentitiesPerMinute, maxAddresses, knownClaims,
        overloadPendingTasks, overloadInboundBytesPerSecond, pauseReadingFor, maxPausedShare, topScores, answers, tarpit);
  }

  public GuardSettings withOverload(int pendingTasks, long inboundBytesPerSecond) {
    return new GuardSettings(maxScore, minScore, recoveryPerSecond, dropBelow, disconnectBelow, banBelow, firstBan, maxBan, banMemory,
        peerIdle, maxPeers, addressConnectionsPerSecond, addressHandshakeFailuresPerMinute, addressRefusedIdentitiesPerMinute, maxAddresses, knownClaims,
        pendingTasks, inboundBytesPerSecond, pauseReadingFor, maxPausedShare, topScores, answers, tarpit);
  }

  public GuardSettings withAddressLimits(long connectionsPerSecond, long handshakeFailuresPerMinute) {
    return new GuardSettings(maxScore, minScore, recoveryPerSecond, dropBelow, disconnectBelow, banBelow, firstBan, maxBan, banMemory,
        peerIdle, maxPeers, connectionsPerSecond, handshakeFailuresPerMinute, addressRefusedIdentitiesPerMinute, maxAddresses, knownClaims,
        overloadPendingTasks, overloadInboundBytesPerSecond, pauseReadingFor, maxPausedShare, topScores, answers, tarpit);
  }

  public GuardSettings withTarpit(TarpitLimits limits) {
    return new GuardSettings(maxScore, minScore, recoveryPerSecond, dropBelow, disconnectBelow, banBelow, firstBan, maxBan, banMemory,
        peerIdle, maxPeers, addressConnectionsPerSecond, addressHandshakeFailuresPerMinute, addressRefusedIdentitiesPerMinute, maxAddresses, knownClaims,
        overloadPendingTasks, overloadInboundBytesPerSecond, pauseReadingFor, maxPausedShare, topScores, answers, limits);
  }
}
