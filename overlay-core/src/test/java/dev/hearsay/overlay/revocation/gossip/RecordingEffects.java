package dev.hearsay.overlay.revocation.gossip;

import dev.hearsay.overlay.core.Message;
import dev.hearsay.registry.log.ChainVerification;
import java.util.ArrayList;
import java.util.List;

/** Records what a {@link RegistryGossip} asked for; the verification budget can be switched off. */
final class RecordingEffects implements GossipEffects {
  record Sent(String peer, Message message) {}

  record Offered(String peer, ChainVerification result) {}

  record Dropped(String peer, Drop reason) {}

  final List<Sent> sent = new ArrayList<>();
  final List<Offered> offered = new ArrayList<>();
  final List<Dropped> dropped = new ArrayList<>();
  boolean budget = true;

  @Override
  public void send(String peer, Message message) {
    sent.add(new Sent(peer, message));
  }

  @Override
  public boolean chargeVerification(String peer) {
    return budget;
  }

  @Override
  public void offered(String peer, ChainVerification result) {
    offered.add(new Offered(peer, result));
  }

  @Override
  public void dropped(String peer, Drop reason) {
    dropped.add(new Dropped(peer, reason));
  }

  <T extends Message> List<T> sentOf(Class<T> type) {
    return sent.stream().map(Sent::message).filter(type::isInstance).map(type::cast).toList();
  }

  ChainVerification lastOffer() {
    return offered.get(offered.size() - 1).result();
  }

  void clear() {
    sent.clear();
    offered.clear();
    dropped.clear();
  }
}
