package dev.hearsay.chaos.adversary;

import dev.hearsay.crypto.NodeIdentity;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens mutual-TLS connections to one node as fast as it can with up to {@code inFlight} pending at
 * once, and holds every one that gets through: what the per-identity connection cap and the
 * per-address attempt rate are for.
 */
public final class ConnectionFlood {
  /** Attempts made, connections authenticated, attempts refused or failed, and connections still open at the end. */
  public record Report(long attempts, long authenticated, long refused, long openAtEnd) {}

  private final Adversary adversary;
  private final int inFlight;

  public ConnectionFlood(Adversary adversary, int inFlight) {
    this.adversary = adversary;
    this.inFlight = inFlight;
  }

  public Report run(InetSocketAddress address, NodeIdentity target, Duration duration) throws InterruptedException {
    Semaphore slots = new Semaphore(inFlight);
    AtomicLong authenticated = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    List<Channel> held = new ArrayList<>();
    long attempts = 0;
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() - end < 0) {
      if (!slots.tryAcquire(50, TimeUnit.MILLISECONDS)) {
        continue;
      }
      attempts++;
      CompletableFuture<Channel> connecting = adversary.transport().connect(address, target);
      connecting.whenComplete((ch, failure) -> {
        if (failure == null) {
          authenticated.incrementAndGet();
          synchronized (held) {
            held.add(ch);
          }
        } else {
          refused.incrementAndGet();
        }
        slots.release();
      });
    }
    slots.tryAcquire(inFlight, 10, TimeUnit.SECONDS); // let the last attempts finish, boundedly
    long open;
    synchronized (held) {
      open = held.stream().filter(Channel::isActive).count();
      held.forEach(Channel::close);
    }
    return new Report(attempts, authenticated.get(), refused.get(), open);
  }
}
