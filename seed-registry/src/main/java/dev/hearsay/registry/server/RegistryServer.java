package dev.hearsay.registry.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.OverlayTrustManager;
import dev.hearsay.crypto.PeerCertificateValidator;
import dev.hearsay.crypto.PeerCheckListener;
import dev.hearsay.crypto.PeerRejectedException;
import dev.hearsay.crypto.TlsContexts;
import dev.hearsay.registry.api.RegistryJson;
import dev.hearsay.registry.log.SignedHead;
import dev.hearsay.registry.store.FileRevocationStore;
import dev.hearsay.registry.store.RevocationStore;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed registry: the revocation log behind an HTTP/1.1 JSON API over mutual TLS. Its own trust
 * manager consults its own log, so a revoked certificate or identity cannot even connect; a peer
 * revoked while connected is refused at its next request.
 *
 * <p>{@code RegistryServer.start(config)} opens the store (recovering a torn tail), binds, and returns
 * the running server; {@link #close()} stops it.
 */
public final class RegistryServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryServer.class);
  private static final int MAX_INITIAL_LINE = 4096;
  private static final int MAX_HEADER_BYTES = 8192;

  private final RevocationStore store;
  private final HeadSigner heads;
  private final Rejections rejections;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final ThreadPoolExecutor disk;
  private final Channel listener;
  private final RevocationEndpoints revocationEndpoints;

  private RegistryServer(
      RevocationStore store, HeadSigner heads, Rejections rejections, EventLoopGroup boss, EventLoopGroup workers,
      ThreadPoolExecutor disk, Channel listener, RevocationEndpoints revocationEndpoints) {
    this.revocationEndpoints = revocationEndpoints;
    this.store = store;
    this.heads = heads;
    this.rejections = rejections;
    this.boss = boss;
    this.workers = workers;
    this.disk = disk;
    this.listener = listener;
  }

  /**
   * Opens the log under the data directory and starts serving.
   *
   * @throws dev.hearsay.registry.store.CorruptLogException if the log is damaged before its tail
   * @throws IOException if the log cannot be opened or the address cannot be bound
   */
  public static RegistryServer start(RegistryConfig config) throws IOException {
    RegistryLimits limits = config.limits();
    FileRevocationStore store = FileRevocationStore.open(config.dataDir(), config.clock(), limits.maxEntries());
    Rejections rejections = new Rejections();
    ThreadPoolExecutor disk =
        new ThreadPoolExecutor(
            1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(limits.publishQueue()),
            new DefaultThreadFactory("hearsay-registry-disk", true));
    EventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory("hearsay-registry-accept", true));
    EventLoopGroup workers = new NioEventLoopGroup(2, new DefaultThreadFactory("hearsay-registry-io", true));
    try {
      Credentials credentials = config.credentials();
      SslContext tls = TlsContexts.server(credentials, trustManager(config, store, rejections));
      HeadSigner heads = new HeadSigner(store, credentials.keyMaterial(), config.clock(), limits.headRefresh());
      ObjectMapper json = RegistryJson.mapper();
      SeedDirectory seeds = new SeedDirectory(limits.seedTtl(), limits.maxSeeds(), config.ticker(), config.clock());
      RateLimiter rateLimiter = new RateLimiter(limits.requestsPerSecond(), limits.burst(), config.ticker());
      RevocationEndpoints revocationEndpoints = new RevocationEndpoints(store, heads, disk, json, limits);
      SeedEndpoints seedEndpoints = new SeedEndpoints(seeds, store.revocations(), json);
      StatusEndpoint statusEndpoint = new StatusEndpoint(store, heads, seeds, rejections);
      ConnectionLimiter connections = new ConnectionLimiter(limits.maxConnections(), rejections);
      Channel listener =
          new ServerBootstrap()
              .group(boss, workers)
              .channel(NioServerSocketChannel.class)
              .option(ChannelOption.SO_BACKLOG, 512)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline()
                          .addLast("connections", connections)
                          .addLast("tls", tls.newHandler(ch.alloc()))
                          .addLast("idle", new IdleStateHandler(0, 0, limits.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                          .addLast("http", new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_BYTES, 8192))
                          .addLast("body", new JsonBodyAggregator(limits.maxBodyBytes(), json, rejections))
                          .addLast(
                              "api",
                              new RegistryRequestHandler(
                                  json, rejections, rateLimiter, store.revocations(), revocationEndpoints, seedEndpoints,
                                  statusEndpoint));
                    }
                  })
              .bind(config.bind())
              .syncUninterruptibly()
              .channel();
      RegistryServer server = new RegistryServer(store, heads, rejections, boss, workers, disk, listener, revocationEndpoints);
      LOG.info(
          "registry {} serving on {}; log head #{}", credentials.identity(), listener.localAddress(), store.position().sequence());
      return server;
    } catch (Exception e) {
      // bind() rethrows socket exceptions (checked) without declaring them; everything is undone here.
      shutdown(boss, workers, disk);
      store.close();
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IOException("cannot start the registry on " + config.bind() + ": " + e.getMessage(), e);
    }
  }

  private static OverlayTrustManager trustManager(RegistryConfig config, RevocationStore store, Rejections rejections) {
    Credentials credentials = config.credentials();
    PeerCertificateValidator validator =
        new PeerCertificateValidator(
            credentials.trustBundle(), credentials.identity().trustDomain(), config.clock(), store.revocations());
    PeerCheckListener counting =
        new PeerCheckListener() {
          @Override
          public void rejected(PeerRejectedException rejection) {
            // The trust manager has logged it; count it with the request rejections.
            rejections.count("handshake_" + rejection.reason().label());
          }
        };
    return new OverlayTrustManager(validator, credentials.trustBundle(), counting);
  }

  public int port() {
    return address().getPort();
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) listener.localAddress();
  }

  public RevocationStore store() {
    return store;
  }

  /** The current signed head. */
  public SignedHead head() {
    return heads.current();
  }

  /** Long-polls waiting for new entries right now. */
  public int pendingLongPolls() {
    return revocationEndpoints.pendingWaiters();
  }

  /** Refused requests and handshakes by reason, since start. */
  public Map<String, Long> rejections() {
    return rejections.snapshot();
  }

  /** Blocks until the server is closed (e.g. by a shutdown hook calling {@link #close()}). */
  public void awaitClosed() throws InterruptedException {
    listener.closeFuture().await();
  }

  @Override
  public void close() throws IOException {
    listener.close().syncUninterruptibly();
    shutdown(boss, workers, disk);
    store.close();
    LOG.info("registry stopped");
  }

  private static void shutdown(EventLoopGroup boss, EventLoopGroup workers, ThreadPoolExecutor disk) {
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    disk.shutdown();
    try {
      // A publish in flight finishes its fsync before the file is closed.
      disk.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    boss.terminationFuture().syncUninterruptibly();
    workers.terminationFuture().syncUninterruptibly();
  }
}
