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
    /** More offers that need a signature check than the peer's rate allows. */
    OFFER_RATE,
    /** The node refused the peer's verification budget (the peer guard's). */
    VERIFICATION_BUDGET,
    /** The peer's last offer was rejected; it is not heard on registry matters for a while. */
    QUARANTINED,
    /** More pulls (or heads showing it is behind) than the peer's answer rate allows. */
    ANSWER_RATE,
    /** A pull from this peer got no answer in time. */
    PULL_TIMEOUT,
    /** The peer's gap is longer than one catch-up gathers; the registry has to close it. */
    GATHER_LIMIT;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
