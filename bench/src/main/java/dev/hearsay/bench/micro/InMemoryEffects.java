package dev.hearsay.bench.micro;

import dev.hearsay.overlay.core.Effects;
import dev.hearsay.overlay.core.MembershipEvent;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.core.Ping;
import dev.hearsay.overlay.core.Timer;

/** Effects that go nowhere but are remembered: the last ping sent, and counts, so nothing is optimised away. */
final class InMemoryEffects implements Effects {
  Ping lastPing;
  Message lastMessage;
  long sent;
  long scheduled;
  long events;

  @Override
  public void send(String address, Message message) {
    sent++;
    lastMessage = message;
    if (message instanceof Ping p) {
      lastPing = p;
    }
  }

  @Override
  public void schedule(long at, Timer timer) {
    scheduled++;
  }

  @Override
  public void emit(MembershipEvent event) {
    events++;
  }
}
