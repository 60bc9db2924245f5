package dev.hearsay.overlay.node;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.core.PushPullAck;
import dev.hearsay.overlay.core.PushPullSyn;
import dev.hearsay.overlay.core.Status;
import dev.hearsay.overlay.guard.PeerGuard;
import dev.hearsay.overlay.revocation.NodeRevocation;
import dev.hearsay.overlay.revocation.gossip.GossipEffects;
import dev.hearsay.overlay.revocation.gossip.RegistryGossip;
import dev.hearsay.overlay.revocation.gossip.RegistryGossipConfig;
import dev.hearsay.overlay.transport.Rejections;
import dev.hearsay.registry.log.ChainVerification;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoop;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Registry gossip on a running node: drives the pure {@link RegistryGossip} on the node's event
 * loop with a real timer, hands it the registry messages peers send, sends this node's head with
 * every push-pull SYN and ACK the core sends, and hears of every entry the node accepts (from the
 * registry too) so new ones are pushed on. Counts offers by outcome and reason
 * ({@code hearsay.registry.gossip.offers}), and rejected offers and dropped messages by reason,
 * with the peer in a rate-limited log line ({@code hearsay.registry.gossip.refused}). A rejected
 * offer is counted against the relaying peer there and by a quarantine in {@link RegistryGossip};
 * the peer guard's score has no public way to take such a penalty, so the score is not touched.
 */
final class RevocationRelay implements GossipEffects {
  private static final String SOURCE = "registry gossip";

  private final NodeRevocation log;
  private final RegistryGossip gossip;
  private final RegistryGossipConfig config;
  private final EventLoop loop;
  private final Router router;
  private final MembershipView view;
  private final Identities identities;
  private final String self;
  private final PeerGuard guard;
  private final MeterRegistry metrics;
  private final Rejections refused;
  private ScheduledFuture<?> ticks;

  RevocationRelay(NodeRevocation log, RegistryGossipConfig config, EventLoop loop, Router router, MembershipView view,
      Identities identities, NodeIdentity self, PeerGuard guard, MeterRegistry metrics) {
    this.log = log;
    this.config = config;
    this.loop = loop;
    this.router = router;
    this.view = view;
    this.identities = identities;
    this.self = self.uri();
    this.guard = guard;
    this.metrics = metrics;
    this.refused = new Rejections(metrics, "hearsay.registry.gossip.refused", "Registry gossip from peers", System::nanoTime);
    this.gossip = new RegistryGossip(config, log, this::members, new SplittableRandom(new SecureRandom().nextLong()), System.nanoTime());
  }

  /** Starts the push timer and listens for accepted entries; entries accepted before (the startup fetch) are not pushed. */
  void start() {
    // Queued, never run in place: the offer that accepted them may be this gossip's own, still on the stack.
    log.whenAccepted(entries -> later(() -> gossip.accepted(System.nanoTime(), entries, this)));
    ticks = loop.scheduleAtFixedRate(() -> gossip.onTick(System.nanoTime(), this),
        config.gossipInterval(), config.gossipInterval(), TimeUnit.NANOSECONDS);
  }

  /** A registry gossip message from an authenticated node; any thread. */
  void receive(NodeIdentity sender, Message message) {
    onLoop(() -> gossip.onMessage(System.nanoTime(), sender.uri(), message, this));
  }

  /** What to send to the same peer after {@code outgoing}: this node's head with a push-pull SYN or ACK; otherwise null. */
  Message companionOf(Message outgoing) {
    return outgoing instanceof PushPullSyn || outgoing instanceof PushPullAck ? gossip.headForPushPull() : null;
  }

  void close() {
    log.whenAccepted(entries -> { });
    if (ticks != null) {
      ticks.cancel(false);
    }
  }

  private void onLoop(Runnable task) {
    if (loop.inEventLoop()) {
      task.run();
    } else {
      later(task);
    }
  }

  private void later(Runnable task) {
    try {
      loop.execute(task);
    } catch (RejectedExecutionException shuttingDown) {
      // The node is closing; nothing is pushed any more.
    }
  }

  /** The members to push to: those this node holds ALIVE or SUSPECT, itself excluded. */
  private List<String> members() {
    return view.members().stream()
        .filter(m -> (m.status() == Status.ALIVE || m.status() == Status.SUSPECT) && !m.id().equals(self))
        .map(MembershipView.Member::id)
        .toList();
  }

  @Override
  public void send(String peer, Message message) {
    MembershipView.Member member = view.member(peer);
    // A member is dialled at its address (a connection opens on demand); anyone else is answered on its own connection.
    router.send(member != null && member.address() != null ? member.address() : Router.routeTo(identities.of(peer)), message);
    Counter.builder("hearsay.registry.gossip.sent")
        .description("Registry gossip messages sent, by type")
        .tag("type", message.getClass().getSimpleName())
        .register(metrics)
        .increment();
  }

  @Override
  public boolean chargeVerification(String peer) {
    return guard.tryAcquireVerifications(identities.of(peer), 1);
  }

  @Override
  public void offered(String peer, ChainVerification result) {
    Counter.builder("hearsay.registry.gossip.offers")
        .description("Offers of registry entries and heads made for gossip peers, by outcome")
        .tag("outcome", result.outcome().name().toLowerCase(Locale.ROOT))
        .tag("reason", result.reason().name().toLowerCase(Locale.ROOT))
        .register(metrics)
        .increment();
    if (result.outcome() == ChainVerification.Outcome.REJECTED) {
      refused.reject(result.reason().name().toLowerCase(Locale.ROOT), identities.of(peer), SOURCE,
          result.detail() + "; the peer is not heard on registry matters for " + config.rejectionQuarantine() / 1_000_000_000L + " s");
    }
  }

  @Override
  public void dropped(String peer, Drop reason) {
    refused.reject(reason.label(), identities.of(peer), SOURCE, reason.description());
  }
}
