package dev.hearsay.overlay.revocation.gossip;

/** What registry gossip remembers about one peer: its budgets and whether it is quarantined. */
final class PeerState {
  final TokenRate offers;
  final TokenRate answers;
  private long quarantinedUntil;
  private boolean quarantined;

  PeerState(RegistryGossipConfig config, long now) {
    this.offers = new TokenRate(config.offersPerSecond(), 2 * config.offersPerSecond(), now);
    this.answers = new TokenRate(config.answersPerSecond(), 2 * config.answersPerSecond(), now);
  }

  void quarantine(long until) {
    quarantined = true;
    quarantinedUntil = until;
  }

  boolean quarantined(long now) {
    if (quarantined && now - quarantinedUntil >= 0) {
      quarantined = false;
    }
    return quarantined;
  }
}
