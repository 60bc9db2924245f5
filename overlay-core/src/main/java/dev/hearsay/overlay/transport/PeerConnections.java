package dev.hearsay.overlay.transport;

import dev.hearsay.crypto.NodeIdentity;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntFunction;

/**
 * The authenticated connections of a node, by peer identity. A connection is usable in both
 * directions whoever opened it. Each identity may hold at most its cap of connections (the policy's
 * per-role {@code connections} limit once {@link #capBy} set it; {@code maxConnectionsPerPeer}
 * until then): a peer that opens more gets the extra ones closed, so opening connections is no way
 * to exhaust a node.
 */
public final class PeerConnections {
  /** When the connection last delivered bytes (System.nanoTime()), set from its authentication on. */
  private static final AttributeKey<LastRead> LAST_READ = AttributeKey.valueOf("hearsay.lastRead");

  private final Map<NodeIdentity, List<Channel>> byPeer = new ConcurrentHashMap<>();
  private final Rejections rejections;
  private final Tracker tracker = new Tracker();
  private volatile ToIntFunction<NodeIdentity> capOf;

  public PeerConnections(int maxConnectionsPerPeer, Rejections rejections) {
    this.capOf = peer -> maxConnectionsPerPeer;
    this.rejections = rejections;
  }

  /** Sets each identity's cap (e.g. from its role under the policy); connections already open stay. */
  public void capBy(ToIntFunction<NodeIdentity> cap) {
    this.capOf = java.util.Objects.requireNonNull(cap, "cap");
  }

  /** How many connections {@code peer} may hold at once. */
  public int capOf(NodeIdentity peer) {
    return Math.max(0, capOf.applyAsInt(peer));
  }

  /** A shareable handler that registers channels once authenticated and forgets them when closed. */
  public ChannelHandler tracker() {
    return tracker;
  }

  /** The most recent open connection with a peer, or null. */
  public Channel channelFor(NodeIdentity peer) {
    List<Channel> channels = byPeer.get(peer);
    if (channels == null) {
      return null;
    }
    for (int i = channels.size() - 1; i >= 0; i--) {
      Channel c = channels.get(i);
      if (c.isActive()) {
        return c;
      }
    }
    return null;
  }

  public int connectionCount(NodeIdentity peer) {
    List<Channel> channels = byPeer.get(peer);
    return channels == null ? 0 : channels.size();
  }

  /** Closes every connection with a peer, e.g. once it is revoked. */
  public void disconnect(NodeIdentity peer) {
    List<Channel> channels = byPeer.remove(peer);
    if (channels != null) {
      channels.forEach(Channel::close);
    }
  }

  /**
   * Sends a message if the connection can take it now. A connection above its write high-water
   * mark drops the message (counted): gossip tolerates loss, an unbounded queue does not.
   */
  public boolean send(NodeIdentity peer, Object message) {
    Channel channel = channelFor(peer);
    if (channel == null) {
      return false;
    }
    if (!channel.isWritable()) {
      rejections.reject(RejectReason.OUTBOUND_BACKPRESSURE, peer, channel.remoteAddress(), "peer is not reading fast enough");
      return false;
    }
    channel.writeAndFlush(message, channel.voidPromise());
    return true;
  }

  /**
   * Closes the connections with {@code peer} that have delivered nothing since {@code sinceNanos}
   * (System.nanoTime()): its probe went unanswered, and a connection silent that long may be half-open
   * (a cut network leaves TCP retrying for minutes while writes still succeed locally). A connection
   * that did deliver something stays: the peer is slow, not gone. Returns how many were closed.
   */
  public int closeSilent(NodeIdentity peer, long sinceNanos) {
    List<Channel> channels = byPeer.get(peer);
    if (channels == null) {
      return 0;
    }
    int closed = 0;
    for (Channel c : channels) {
      LastRead last = c.attr(LAST_READ).get();
      if (last != null && last.at - sinceNanos < 0) {
        rejections.reject(RejectReason.SILENT_CONNECTION, peer, c.remoteAddress(),
            "a probe went unanswered and nothing arrived for " + (System.nanoTime() - last.at) / 1_000_000 + " ms");
        c.close();
        closed++;
      }
    }
    return closed;
  }

  private boolean register(NodeIdentity peer, Channel channel, int cap) {
    boolean[] admitted = {false};
    byPeer.compute(peer, (id, list) -> {
      List<Channel> channels = list == null ? new CopyOnWriteArrayList<>() : list;
      channels.removeIf(c -> !c.isActive());
      if (channels.size() < cap) {
        channels.add(channel);
        admitted[0] = true;
      }
      return channels.isEmpty() ? null : channels;
    });
    return admitted[0];
  }

  private void unregister(NodeIdentity peer, Channel channel) {
    byPeer.computeIfPresent(peer, (id, list) -> {
      list.remove(channel);
      return list.isEmpty() ? null : list;
    });
  }

  @ChannelHandler.Sharable
  private final class Tracker extends ChannelInboundHandlerAdapter {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof PeerAuthenticated authenticated) {
        int cap = capOf(authenticated.peer());
        ctx.channel().attr(LAST_READ).set(new LastRead(System.nanoTime()));
        if (!register(authenticated.peer(), ctx.channel(), cap)) {
          rejections.reject(RejectReason.TOO_MANY_CONNECTIONS, authenticated.peer(), ctx.channel().remoteAddress(),
              cap == 0 ? "its role may hold no connection" : "already " + cap + " connections");
          ctx.close();
          return;
        }
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
      LastRead last = ctx.channel().attr(LAST_READ).get();
      if (last != null) {
        last.at = System.nanoTime();
      }
      super.channelRead(ctx, msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      NodeIdentity peer = PeerChannels.peerOf(ctx.channel());
      if (peer != null) {
        unregister(peer, ctx.channel());
      }
      super.channelInactive(ctx);
    }
  }

  /** Written on the channel's event loop, read from the node's. */
  private static final class LastRead {
    volatile long at;

    LastRead(long at) {
      this.at = at;
    }
  }
}
