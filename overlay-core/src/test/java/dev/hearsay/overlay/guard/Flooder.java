package dev.hearsay.overlay.guard;

import dev.hearsay.overlay.node.WireClient;
import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.transport.Transport;
import dev.hearsay.overlay.wire.Envelope;
import io.netty.channel.Channel;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * A peer with a valid certificate that sends as fast as its connection takes frames, and
 * reconnects (at most ten times a second) whenever it is disconnected, as a determined flooder would.
 * It gives a connection 2 s to complete its handshake before it tries again: a connection the target
 * holds unread (its tarpit, once the flooder's address is banned) slows it to one try every 2 s, while
 * one closed at once is tried again after 100 ms.
 */
final class Flooder implements AutoCloseable {
  /** What a flood did: frames written, connections that got authenticated, connection attempts refused. */
  record Report(long frames, long connections, long refused) {}

  private static final long RECONNECT_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final NioEventLoopGroup group = new NioEventLoopGroup(1);
  private final Transport transport;
  private final NodeIdentity identity;

  Flooder(TestPki pki, Credentials credentials) throws Exception {
    this(credentials, TestPki.DOMAIN, pki.clock);
  }

  Flooder(Credentials credentials, String domain, java.time.Clock clock) throws Exception {
    this.identity = credentials.identity();
    this.transport = WireClient.adversaryTransport(credentials, domain, clock, group, envelope -> true);
    transport.bind(new InetSocketAddress(ownAddress(identity), 0)); // so its dials leave from that address
  }

  /**
   * A loopback address of the flooder's own, from its name: a flooder on its own host. The honest
   * nodes of these tests all dial from 127.0.0.1, and the address ban a flooder earns by reconnecting
   * while banned must fall on it alone.
   */
  static InetAddress ownAddress(NodeIdentity identity) {
    int h = identity.uri().hashCode();
    byte[] a = {127, 66, (byte) (h >>> 8), (byte) (1 + Math.floorMod(h, 254))};
    try {
      return InetAddress.getByAddress(a);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e); // four bytes are always an address
    }
  }

  /** Sends {@code next.apply(i)} for i = 0, 1, ... to {@code target} for {@code duration}. */
  Report flood(InetSocketAddress address, NodeIdentity target, Duration duration, LongFunction<Message> next) {
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
          ch = transport.connect(address, target).get(2, TimeUnit.SECONDS);
          connections++;
        } catch (Exception e) {
          refused++;
          ch = null;
        }
        continue;
      }
      Envelope e = new Envelope(identity, next.apply(frames++));
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

  /** Sends {@code message} once over a fresh connection and closes it: a member that joins and goes quiet. */
  Report sendOnce(InetSocketAddress address, NodeIdentity target, Message message) throws Exception {
    Channel ch = transport.connect(address, target).get(5, TimeUnit.SECONDS);
    ch.writeAndFlush(new Envelope(identity, message)).get(5, TimeUnit.SECONDS);
    ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    return new Report(1, 1, 0);
  }

  @Override
  public void close() {
    transport.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
