package dev.hearsay.overlay.transport;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.OverlayTrustManager;
import dev.hearsay.crypto.PeerCertificateValidator;
import dev.hearsay.crypto.PeerCheckListener;
import dev.hearsay.crypto.TlsContexts;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * A node's mutual-TLS transport: one listening socket, outbound connections on demand, and the
 * authenticated connections by peer identity. It knows frames and identities, not the protocol:
 * the codec and the application handler come from {@link OverlayChannelInitializer.Handlers}.
 */
public final class Transport implements AutoCloseable {
  private final TransportConfig config;
  private final PeerCertificateValidator validator;
  private final SslContext serverTls;
  private final SslContext clientTls;
  private final EventLoopGroup group;
  private final Rejections rejections;
  private final PeerConnections connections;
  private final Supplier<OverlayChannelInitializer.Handlers> handlers;
  private Channel listener;
  private TrafficMeters traffic;

  public Transport(
      TransportConfig config,
      Credentials credentials,
      PeerCertificateValidator validator,
      PeerCheckListener tlsDecisions,
      EventLoopGroup group,
      Rejections rejections,
      Supplier<OverlayChannelInitializer.Handlers> handlers)
      throws SSLException {
    this.config = config;
    this.validator = validator;
    OverlayTrustManager trust = new OverlayTrustManager(validator, credentials.trustBundle(), tlsDecisions);
    this.serverTls = TlsContexts.server(credentials, trust);
    this.clientTls = TlsContexts.client(credentials, trust);
    this.group = group;
    this.rejections = rejections;
    this.connections = new PeerConnections(config.maxConnectionsPerPeer(), rejections);
    this.handlers = handlers;
  }

  /** Counts frames and bytes on every connection opened or accepted from now on. */
  public Transport withTraffic(TrafficMeters meters) {
    this.traffic = meters;
    return this;
  }

  public PeerConnections connections() {
    return connections;
  }

  public Rejections rejections() {
    return rejections;
  }

  /** Starts accepting connections; returns the bound address (port 0 picks a free one). */
  public InetSocketAddress bind(InetSocketAddress address) throws InterruptedException {
    listener =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .handler(new AcceptFilter(handlers))
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new OverlayChannelInitializer(serverTls, validator, config, rejections, connections, handlers).withTraffic(traffic))
            .bind(address)
            .sync()
            .channel();
    return (InetSocketAddress) listener.localAddress();
  }

  /**
   * Opens a connection and completes once the peer is authenticated. With {@code expectedPeer}
   * set, reaching any other identity fails: an address in a claim cannot redirect us to an impostor.
   */
  public CompletableFuture<Channel> connect(InetSocketAddress address, NodeIdentity expectedPeer) {
    CompletableFuture<Channel> authenticated = new CompletableFuture<>();
    OverlayChannelInitializer initializer =
        new OverlayChannelInitializer(clientTls, validator, expectedPeer, config, rejections, connections, handlers, authenticated)
            .withTraffic(traffic);
    new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(initializer)
        .connect(address, dialingFrom(address))
        .addListener((ChannelFuture f) -> {
          if (!f.isSuccess()) {
            authenticated.completeExceptionally(f.cause());
          }
        });
    return authenticated;
  }

  /**
   * The local address to dial {@code to} from: a node listening on a loopback address dials loopback
   * peers from that same address, so that nodes sharing one host on 127.0.0.0/8 (tests, benchmarks
   * of hundreds of nodes) are told apart by the per-address limits of the nodes they dial, as
   * nodes on their own hosts are. Otherwise null: the system picks.
   */
  SocketAddress dialingFrom(InetSocketAddress to) {
    if (listener == null || !(listener.localAddress() instanceof InetSocketAddress own)) {
      return null;
    }
    boolean loopbackToLoopback = own.getAddress().isLoopbackAddress()
        && to.getAddress() != null && to.getAddress().isLoopbackAddress();
    return loopbackToLoopback ? new InetSocketAddress(own.getAddress(), 0) : null;
  }

  private WriteBufferWaterMark waterMark() {
    return new WriteBufferWaterMark(config.writeLowWaterMark(), config.writeHighWaterMark());
  }

  @Override
  public void close() {
    if (listener != null) {
      listener.close().syncUninterruptibly();
    }
  }
}
