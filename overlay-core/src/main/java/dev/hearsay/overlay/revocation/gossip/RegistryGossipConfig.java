package dev.hearsay.overlay.revocation.gossip;

import dev.hearsay.overlay.core.MembershipConfig;
import dev.hearsay.overlay.wire.WireLimits;

/**
 * How registry gossip spreads and what it lets a peer cost. Times are nanoseconds.
 *
 * @param gossipInterval how often newly accepted entries are pushed again while they have transmissions left
 * @param fanout members each push goes to
 * @param retransmitMult λ in the per-entry transmission limit λ·ceil(log10(N+1)) (memberlist's retransmitLimit)
 * @param maxEntriesPerMessage entries in one message (pulls ask for at most this many)
 * @param maxMessageBytes bytes one message may take, head included; entries that do not fit wait for the next page
 * @param pullTimeout a pull not answered within this is given up (the slot is freed)
 * @param maxPullsInFlight pulls outstanding at once, to different peers (one per peer)
 * @param pullsPerSecond new pulls started per second, over all peers
 * @param maxGatheredEntries entries one catch-up collects before its head is reached; a longer gap is left to the registry
 * @param offersPerSecond offers needing a signature check made per second for one peer (burst twice that)
 * @param answersPerSecond answers (pulls served, gaps pushed) sent per second to one peer (burst twice that)
 * @param rejectionQuarantine after a rejected offer, the peer's registry messages are ignored this long
 * @param maxPeers peers whose rates and positions are remembered (least recently heard go first)
 */
public record RegistryGossipConfig(
    long gossipInterval,
    int fanout,
    int retransmitMult,
    int maxEntriesPerMessage,
    int maxMessageBytes,
    long pullTimeout,
    int maxPullsInFlight,
    double pullsPerSecond,
    int maxGatheredEntries,
    double offersPerSecond,
    double answersPerSecond,
    long rejectionQuarantine,
    int maxPeers) {

  private static final long SECOND = 1_000_000_000L;
  /** A head with a registry certificate of usual size and an entry or two. */
  public static final int MIN_MESSAGE_BYTES = 2048;
  /** Room in a frame for the envelope (version, type, sender URI) around a registry message. */
  public static final int ENVELOPE_ALLOWANCE = 1024;

  public RegistryGossipConfig {
    if (gossipInterval <= 0 || pullTimeout <= 0 || rejectionQuarantine < 0) {
      throw new IllegalArgumentException("intervals and timeouts must be positive");
    }
    if (fanout < 1 || retransmitMult < 1 || maxPullsInFlight < 1 || maxPeers < 1) {
      throw new IllegalArgumentException("fanout, retransmitMult, maxPullsInFlight and maxPeers must be at least 1");
    }
    if (maxEntriesPerMessage < 1 || maxEntriesPerMessage > WireLimits.MAX_REVOCATION_ENTRIES) {
      throw new IllegalArgumentException("maxEntriesPerMessage must be 1 to " + WireLimits.MAX_REVOCATION_ENTRIES);
    }
    if (maxMessageBytes < MIN_MESSAGE_BYTES || maxGatheredEntries < maxEntriesPerMessage) {
      throw new IllegalArgumentException("a message must hold at least " + MIN_MESSAGE_BYTES + " bytes; a catch-up at least one message");
    }
    if (!(pullsPerSecond > 0 && offersPerSecond > 0 && answersPerSecond > 0)) {
      throw new IllegalArgumentException("rates must be positive");
    }
  }

  /**
   * Pushes at the membership's gossip interval and fanout with its λ; pages of 64 entries within
   * the frame limit; a pull gets 2 s; 2 pulls in flight, 4 new ones a second; a catch-up gathers at
   * most 10,000 entries (a few MB); per peer 2 signature-checked offers and 2 answers a second; a
   * peer whose offer was rejected is ignored for a minute; 4,096 peers remembered.
   */
  public static RegistryGossipConfig of(MembershipConfig membership, int maxFrameBytes) {
    return new RegistryGossipConfig(
        membership.gossipInterval(), membership.fanout(), membership.retransmitMult(), WireLimits.MAX_REVOCATION_ENTRIES,
        maxFrameBytes - ENVELOPE_ALLOWANCE, 2 * SECOND, 2, 4, 10_000, 2, 2, 60 * SECOND, 4096);
  }
}
