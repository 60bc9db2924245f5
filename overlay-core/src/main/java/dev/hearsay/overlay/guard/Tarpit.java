package dev.hearsay.overlay.guard;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Accepted connections from banned addresses, held open and never read until their hold ends. A
 * refusal costs the node an accept, a close and a wake-up of its event loop; most of that is the
 * wake-up, and a client that reconnects as soon as it is closed makes one every time. Held, its
 * connection just waits for a server hello that never comes, and the client gives up on its own
 * handshake timeout. Bounded per address and in all ({@link TarpitLimits}); past either bound, or
 * with no hold, a connection is not taken and its caller closes it at once. Closing what is due
 * happens when a connection is offered and on {@link #sweep} (the guard schedules one per hold).
 * Synchronized: the node's close may come from another thread.
 */
final class Tarpit {
  private record Held(Channel channel, InetAddress address, long until) {}

  private final TarpitLimits limits;
  private final ArrayDeque<Held> held = new ArrayDeque<>();
  private final Map<InetAddress, Integer> byAddress = new HashMap<>();

  Tarpit(TarpitLimits limits) {
    this.limits = limits;
  }

  /** Takes {@code ch} (accepted from {@code address}, not registered) to hold; false if it is not taken. */
  synchronized boolean offer(Channel ch, InetAddress address, long now) {
    sweep(now);
    if (limits.hold().isZero() || held.size() >= limits.total() || byAddress.getOrDefault(address, 0) >= limits.perAddress()) {
      return false;
    }
    held.addLast(new Held(ch, address, now + limits.hold().toNanos()));
    byAddress.merge(address, 1, Integer::sum);
    return true;
  }

  /** Closes every connection whose hold has ended by {@code now}; returns how many are still held. */
  synchronized int sweep(long now) {
    while (!held.isEmpty() && now - held.peekFirst().until() >= 0) {
      release(held.removeFirst());
    }
    return held.size();
  }

  /** Closes every held connection (the node is stopping). */
  synchronized void closeAll() {
    while (!held.isEmpty()) {
      release(held.removeFirst());
    }
  }

  synchronized int size() {
    return held.size();
  }

  private void release(Held h) {
    byAddress.computeIfPresent(h.address(), (a, n) -> n == 1 ? null : n - 1);
    h.channel().unsafe().closeForcibly(); // never registered: nothing else to undo
  }
}
