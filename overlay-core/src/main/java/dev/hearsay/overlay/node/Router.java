package dev.hearsay.overlay.node;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.overlay.core.Effects;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.MembershipCore;
import dev.hearsay.overlay.core.MembershipEvent;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.core.Timer;
import dev.hearsay.overlay.transport.Transport;
import dev.hearsay.overlay.wire.Envelope;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Carries out the core's effects on the event loop: messages go over the peer's pooled connection
 * (opened on demand; an address whose owner is known must answer with that identity), timers
 * become event-loop timers. Replies travel back over the connection the request came on, named by
 * a route address the core treats as opaque.
 */
final class Router implements Effects {
  static final String ROUTE_PREFIX = "route:";
  /** Messages held for an address while its connection is being opened. */
  static final int MAX_PENDING_PER_ADDRESS = 32;
  /** Distinct addresses with a connection attempt in progress. */
  static final int MAX_PENDING_ADDRESSES = 1024;

  private final Transport transport;
  private final int maxFrameBytes;
  private final NodeIdentity self;
  private final EventLoop loop;
  private final Map<String, NodeIdentity> owners = new HashMap<>();
  private final Identities identities;
  private final Map<String, ArrayDeque<Message>> pending = new HashMap<>();
  private MembershipCore core;
  private Consumer<MembershipEvent> events;
  private Runnable afterStep = () -> { };

  Router(Transport transport, NodeIdentity self, EventLoop loop, int maxFrameBytes, Identities identities) {
    this.identities = identities;
    this.transport = transport;
    this.maxFrameBytes = maxFrameBytes;
    this.self = self;
    this.loop = loop;
  }

  /** {@code afterStep} runs on the loop after every timer the core handled. */
  void attach(MembershipCore core, Consumer<MembershipEvent> events, Runnable afterStep) {
    this.core = core;
    this.events = events;
    this.afterStep = afterStep;
  }

  static String routeTo(NodeIdentity peer) {
    return ROUTE_PREFIX + peer.uri();
  }

  /** Remembers who owns an address, from a verified ALIVE. */
  void learn(String address, MemberId owner) {
    NodeIdentity identity = identities.of(owner.uri());
    if (loop.inEventLoop()) {
      owners.put(address, identity);
    } else {
      loop.execute(() -> owners.put(address, identity));
    }
  }

  @Override
  public void send(String address, Message message) {
    for (Message part : MessageSplitter.split(message, maxFrameBytes)) {
      sendOne(address, part);
    }
  }

  private void sendOne(String address, Message message) {
    Envelope envelope = new Envelope(self, message);
    if (address.startsWith(ROUTE_PREFIX)) {
      transport.connections().send(identities.of(address.substring(ROUTE_PREFIX.length())), envelope);
      return;
    }
    NodeIdentity expected = owners.get(address);
    if (expected != null && transport.connections().send(expected, envelope)) {
      return;
    }
    ArrayDeque<Message> queue = pending.get(address);
    if (queue != null) {
      if (queue.size() < MAX_PENDING_PER_ADDRESS) {
        queue.add(message);
      }
      return;
    }
    if (pending.size() >= MAX_PENDING_ADDRESSES) {
      return;
    }
    queue = new ArrayDeque<>();
    queue.add(message);
    pending.put(address, queue);
    try {
      transport.connect(Addresses.parse(address), expected).whenComplete((channel, failure) -> loop.execute(() -> {
        ArrayDeque<Message> waiting = pending.remove(address);
        if (failure != null || waiting == null) {
          return; // gossip is lossy by design; the core retries through its own timers
        }
        NodeIdentity peer = dev.hearsay.overlay.transport.PeerChannels.peerOf(channel);
        if (expected == null) {
          owners.put(address, peer);
        }
        for (Message m : waiting) {
          transport.connections().send(peer, new Envelope(self, m));
        }
      }));
    } catch (IllegalArgumentException e) {
      pending.remove(address);
    }
  }

  @Override
  public void schedule(long at, Timer timer) {
    if (loop.isShuttingDown()) {
      return;
    }
    long delay = Math.max(0, at - System.nanoTime());
    loop.schedule(() -> {
      core.onTimer(System.nanoTime(), timer, this);
      afterStep.run();
    }, delay, TimeUnit.NANOSECONDS);
  }

  @Override
  public void emit(MembershipEvent event) {
    events.accept(event);
  }
}
