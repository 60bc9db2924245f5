package dev.hearsay.chaos.adversary;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.wire.Envelope;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * Sends frames as fast as the connection takes them, and reconnects (at most ten times a second)
 * whenever it is cut off, as a determined flooder would.
 */
public final class FrameFlood {
  /** What a flood did: frames written, connections that got authenticated, connection attempts refused. */
  public record Report(long frames, long connections, long refused) {}

  private static final long RECONNECT_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final Adversary adversary;

  public FrameFlood(Adversary adversary) {
    this.adversary = adversary;
  }

  /** Sends {@code next.apply(i)} for i = 0, 1, ... to {@code target} for {@code duration}. */
  public Report run(InetSocketAddress address, NodeIdentity target, Duration duration, LongFunction<Message> next) {
    long end = System.nanoTime() + duration.toNanos();
    long frames = 0;
    long connections = 0;
    long refused = 0;
    long nextConnect = 0;
    Channel ch = null;
    while (System.nanoTime() - end < 0) {
      if (ch == null || !ch.isActive()) {
        long wait = nextConnect - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait); // pacing the reconnects, not waiting for a condition
          continue;
        }
        nextConnect = System.nanoTime() + RECONNECT_EVERY_NANOS;
        try {
          ch = adversary.transport().connect(address, target).get(2, TimeUnit.SECONDS);
          connections++;
        } catch (Exception e) {
          refused++;
          ch = null;
        }
        continue;
      }
      Envelope e = new Envelope(adversary.identity(), next.apply(frames++));
      if (ch.isWritable()) {
        ch.writeAndFlush(e, ch.voidPromise());
      } else {
        ch.writeAndFlush(e).awaitUninterruptibly(50, TimeUnit.MILLISECONDS); // the receiver stopped reading
      }
    }
    if (ch != null) {
      ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
    return new Report(frames, connections, refused);
  }
}
