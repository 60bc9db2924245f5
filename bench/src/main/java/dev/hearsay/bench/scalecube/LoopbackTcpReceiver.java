package dev.hearsay.bench.scalecube;

import io.netty.channel.ChannelOption;
import io.scalecube.cluster.transport.api.TransportConfig;
import io.scalecube.transport.netty.Receiver;
import io.scalecube.transport.netty.TransportImpl.ReceiverContext;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;

/**
 * ScaleCube's TCP receiver bound to 127.0.0.1 instead of 0.0.0.0. Binding the wildcard address also
 * makes ScaleCube advertise the machine's first non-loopback address, so stock members talk over the
 * LAN interface; bound here, a member advertises and uses 127.0.0.1 only.
 */
final class LoopbackTcpReceiver implements Receiver {
  static final String LOOPBACK = "127.0.0.1";

  private final TransportConfig config;

  LoopbackTcpReceiver(TransportConfig config) {
    this.config = config;
  }

  @Override
  public Mono<DisposableServer> bind() {
    return Mono.deferContextual(context -> Mono.just(context.get(ReceiverContext.class)))
        .flatMap(context -> server(context)
            .handle((in, out) -> in.receive().retain().doOnNext(context::onMessage).then())
            .bind()
            .cast(DisposableServer.class));
  }

  private TcpServer server(ReceiverContext context) {
    // NIO, not native epoll: JFR's jdk.SocketWrite sees NIO writes only, and hearsay runs on NIO too.
    return TcpServer.create()
        .runOn(context.loopResources(), false)
        .host(LOOPBACK)
        .port(config.port())
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childOption(ChannelOption.SO_REUSEADDR, true)
        .doOnChannelInit((observer, channel, remote) -> new LengthFieldFraming(config.maxFrameLength())
            .accept(observer, channel));
  }
}
