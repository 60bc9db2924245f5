package dev.hearsay.chaos.adversary;

import dev.hearsay.crypto.NodeIdentity;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A node that will not take no for an answer: it reconnects to one node every {@code interval} and,
 * whenever a connection gets through, gossips a fresh ALIVE of its own at a higher incarnation. What a
 * revoked node does after the registry revoked it.
 */
public final class KeepConnecting {
  /** Attempts, connections the adversary's side saw complete, and ALIVEs it got to write. */
  public record Report(long attempts, long completed, long alivesSent) {}

  private final Adversary adversary;
  private final Duration interval;

  public KeepConnecting(Adversary adversary, Duration interval) {
    this.adversary = adversary;
    this.interval = interval;
  }

  public Report run(InetSocketAddress address, NodeIdentity target, Duration duration, long firstIncarnation) {
    long end = System.nanoTime() + duration.toNanos();
    long attempts = 0;
    long completed = 0;
    long sent = 0;
    long incarnation = firstIncarnation;
    while (System.nanoTime() - end < 0) {
      long next = System.nanoTime() + interval.toNanos();
      attempts++;
      try {
        // In TLS 1.3 the client finishes its handshake before the server has judged the client's
        // certificate, so a refused adversary may see a connection complete and write before the
        // node's refusal arrives; the node must still accept nothing from it.
        Channel ch = adversary.transport().connect(address, target).get(5, TimeUnit.SECONDS);
        completed++;
        adversary.send(ch, Adversary.gossip(adversary.selfAlive(++incarnation)));
        sent++;
        ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
      } catch (Exception refused) {
        // expected once revoked: keep trying
      }
      LockSupport.parkNanos(Math.max(0, next - System.nanoTime())); // the attack's own pace
    }
    return new Report(attempts, completed, sent);
  }
}
