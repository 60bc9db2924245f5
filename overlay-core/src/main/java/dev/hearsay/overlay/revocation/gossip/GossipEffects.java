package dev.hearsay.overlay.revocation.gossip;

import dev.hearsay.overlay.core.Message;
import dev.hearsay.registry.log.ChainVerification;

/** Where {@link RegistryGossip} puts its effects; the node (or a simulation) carries them out. */
public interface GossipEffects {
  /** Sends {@code message} to the member {@code peer} (an identity URI). Best effort; may be lost. */
  void send(String peer, Message message);

  /**
   * Takes one signature verification from {@code peer}'s budget, before an offer that will check a
   * head's signature on its behalf; false: the budget is spent and the offer is not made.
   */
  boolean chargeVerification(String peer);

  /** An offer made for what {@code peer} sent, and its outcome. */
  void offered(String peer, ChainVerification result);

  /** Something {@code peer} sent or asked that was not acted on, and why. */
  void dropped(String peer, Drop reason);

  /** Why something from a peer was not acted on. */
  enum Drop {
    OFFER_RATE("more offers needing a signature check than the peer's rate allows"),
    VERIFICATION_BUDGET("the peer's signature verification budget is spent"),
    QUARANTINED("the peer's last offer was rejected; it is not heard on registry matters for a while"),
    ANSWER_RATE("more pulls (or heads showing it behind) than the peer's answer rate allows"),
    PULL_TIMEOUT("a pull from the peer got no answer in time"),
    GATHER_LIMIT("the peer's gap is longer than one catch-up gathers; the registry has to close it");

    private final String description;

    Drop(String description) {
      this.description = description;
    }

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public String description() {
      return description;
    }
  }
}
