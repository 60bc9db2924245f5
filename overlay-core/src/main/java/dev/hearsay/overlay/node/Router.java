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
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Carries out the core's effects on the event loop: messages are fitted to their peer
 * ({@link RecipientTailor}) and go over its pooled connection (opened on demand; an address whose
 * owner is known must answer with that identity), timers
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
  private final RecipientTailor tailor;
  private final Map<String, ArrayDeque<Message>> pending = new HashMap<>();
  private final DialBackoff redials = DialBackoff.withDefaults();
  private MembershipCore core;
  private Consumer<MembershipEvent> events;
  private BiConsumer<MemberId, SortedMap<String, String>> metadata = (subject, entries) -> { };
  private Runnable afterStep = () -> { };
  private Function<Message, Message> companion = m -> null;

  Router(Transport transport, NodeIdentity self, EventLoop loop, int maxFrameBytes, Identities identities,
      RecipientTailor tailor) {
    this.identities = identities;
    this.tailor = tailor;
    this.transport = transport;
    this.maxFrameBytes = maxFrameBytes;
    this.self = self;
    this.loop = loop;
  }

  /** {@code afterStep} runs on the loop after every timer the core handled. */
  void attach(MembershipCore core, Consumer<MembershipEvent> events, BiConsumer<MemberId, SortedMap<String, String>> metadata,
      Runnable afterStep) {
    this.core = core;
    this.events = events;
    this.metadata = metadata;
    this.afterStep = afterStep;
  }

  /** {@code companion} names a message to send to the same peer right after a given one (null: none). */
  void companion(Function<Message, Message> f) {
    this.companion = f;
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
    dispatch(address, message);
    Message extra = companion.apply(message);
    if (extra != null) {
      dispatch(address, extra);
    }
  }

  private void dispatch(String address, Message message) {
    if (address.startsWith(ROUTE_PREFIX)) {
      deliver(identities.of(address.substring(ROUTE_PREFIX.length())), message);
      return;
    }
    NodeIdentity expected = owners.get(address);
    if (expected != null && transport.connections().channelFor(expected) != null) {
      deliver(expected, message);
      return;
    }
    ArrayDeque<Message> queue = pending.get(address);
    if (queue != null) {
      if (queue.size() < MAX_PENDING_PER_ADDRESS) {
        queue.add(message);
      }
      return;
    }
    if (pending.size() >= MAX_PENDING_ADDRESSES || !redials.mayDial(address)) {
      return;
    }
    queue = new ArrayDeque<>();
    queue.add(message);
    pending.put(address, queue);
    try {
      transport.connect(Addresses.parse(address), expected).whenComplete((channel, failure) -> loop.execute(() -> {
        ArrayDeque<Message> waiting = pending.remove(address);
        if (failure != null) {
          if (nothingAnswered(failure)) {
            redials.unreachable(address);
          } else {
            redials.refused(address);
          }
          return; // gossip is lossy by design; the core retries through its own timers
        }
        long opened = System.nanoTime();
        // Called on whichever thread closes it: the back-off is thread-safe, and the loop may be shutting down.
        channel.closeFuture().addListener(f -> redials.closed(address, opened));
        if (waiting == null) {
          return;
        }
        NodeIdentity peer = dev.hearsay.overlay.transport.PeerChannels.peerOf(channel);
        if (expected == null) {
          owners.put(address, peer);
        }
        for (Message m : waiting) {
          deliver(peer, m);
        }
      }));
    } catch (IllegalArgumentException e) {
      pending.remove(address);
    }
  }

  /**
   * Whether a dial failed before any handshake (refused or timed out at connect): the peer spent
   * nothing on it. Any later failure (the handshake failed, the peer closed the connection) cost the
   * peer a handshake.
   */
  static boolean nothingAnswered(Throwable failure) {
    Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    // Netty's connect timeout is a ConnectException too.
    return cause instanceof java.net.ConnectException || cause instanceof java.net.NoRouteToHostException;
  }

  /** Fits the message to the peer (certificates, readable metadata), then frames it. */
  private void deliver(NodeIdentity peer, Message message) {
    Message fitted = tailor.forPeer(message, peer);
    if (fitted == null) {
      return;
    }
    for (Message part : MessageSplitter.split(fitted, maxFrameBytes)) {
      transport.connections().send(peer, new Envelope(self, part));
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
  public void unanswered(MemberId member, String address, long sentAt) {
    transport.connections().closeSilent(identities.of(member.uri()), sentAt);
  }

  @Override
  public void emit(MembershipEvent event) {
    events.accept(event);
  }

  @Override
  public void metadata(MemberId subject, SortedMap<String, String> entries) {
    metadata.accept(subject, entries);
  }
}
