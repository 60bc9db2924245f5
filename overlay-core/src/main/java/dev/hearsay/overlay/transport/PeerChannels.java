package dev.hearsay.overlay.transport;

import dev.hearsay.crypto.NodeIdentity;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/** What the transport stores on a channel once its peer is authenticated. */
public final class PeerChannels {
  public static final AttributeKey<NodeIdentity> PEER = AttributeKey.valueOf("hearsay.peer");

  private PeerChannels() {}

  /** The authenticated peer, or null before the handshake and identity check completed. */
  public static NodeIdentity peerOf(Channel channel) {
    return channel.attr(PEER).get();
  }
}
