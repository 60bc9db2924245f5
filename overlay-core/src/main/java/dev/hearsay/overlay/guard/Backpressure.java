package dev.hearsay.overlay.guard;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.overlay.transport.Rejections;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * When the node is itself overloaded, stops reading from the noisiest connected peer that is not
 * paused yet, for {@link GuardSettings#pauseReadingFor}. Checked at most every 10 ms, so a lasting
 * overload pauses one more peer per check, never more than {@link GuardSettings#maxPausedShare} of
 * the connected peers: the quiet ones are still read, and probes between honest nodes go on.
 */
final class Backpressure {
  /** How often at most the node checks whether it is overloaded. */
  static final long CHECK_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final GuardSettings settings;
  private final OverloadSignal overload;
  private final Rejections actions;
  private final DecayingRate inbound;
  private final AtomicLong lastCheck;
  /** Peers whose reading is paused, until when (guard clock); at most the connected peers. */
  private final Map<NodeIdentity, Long> pausedUntil = new ConcurrentHashMap<>();

  Backpressure(GuardSettings settings, OverloadSignal overload, Rejections actions, long now) {
    this.settings = settings;
    this.overload = overload;
    this.actions = actions;
    this.inbound = new DecayingRate(now);
    this.lastCheck = new AtomicLong(now - CHECK_EVERY_NANOS);
  }

  /** Counts frame bytes the node received, from any peer. */
  void received(long bytes, long now) {
    synchronized (inbound) {
      inbound.add(bytes, now);
    }
  }

  /**
   * Pauses the noisiest of {@code connected} (by {@code bytesPerSecond}, negative for a peer the
   * guard knows nothing about) if the node is overloaded.
   */
  void relieveIfOverloaded(EventLoop loop, long now, Map<NodeIdentity, Set<Channel>> connected,
      ToDoubleFunction<NodeIdentity> bytesPerSecond) {
    long last = lastCheck.get();
    if (now - last < CHECK_EVERY_NANOS || !lastCheck.compareAndSet(last, now)) {
      return;
    }
    double rate;
    synchronized (inbound) {
      rate = inbound.perSecond(now);
    }
    pausedUntil.values().removeIf(until -> now - until >= 0);
    if (!overload.overloaded(loop, rate)) {
      return;
    }
    int allowed = (int) Math.floor(connected.size() * settings.maxPausedShare());
    if (pausedUntil.size() >= allowed) {
      return;
    }
    NodeIdentity noisiest = null;
    double loudest = -1;
    for (NodeIdentity peer : connected.keySet()) {
      double r = pausedUntil.containsKey(peer) ? -1 : bytesPerSecond.applyAsDouble(peer);
      if (r > loudest) {
        loudest = r;
        noisiest = peer;
      }
    }
    Set<Channel> open = noisiest == null ? null : connected.get(noisiest);
    if (open != null) {
      pause(noisiest, open, now, loudest);
    }
  }

  private void pause(NodeIdentity peer, Set<Channel> open, long now, double bytesPerSecond) {
    long pauseMillis = settings.pauseReadingFor().toMillis();
    pausedUntil.put(peer, now + settings.pauseReadingFor().toNanos());
    actions.reject("paused_reading", peer, null,
        String.format("node overloaded; noisiest peer (%.0f B/s) not read for %d ms", bytesPerSecond, pauseMillis));
    for (Channel ch : open) {
      ch.config().setAutoRead(false);
      ch.eventLoop().schedule(() -> ch.config().setAutoRead(true), pauseMillis, TimeUnit.MILLISECONDS);
    }
  }

  boolean isPaused(NodeIdentity peer, long now) {
    Long until = pausedUntil.get(peer);
    return until != null && now - until < 0;
  }
}
