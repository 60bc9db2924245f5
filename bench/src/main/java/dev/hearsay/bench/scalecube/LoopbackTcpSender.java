package dev.hearsay.bench.scalecube;

import io.netty.channel.ChannelOption;
import io.scalecube.cluster.transport.api.Message;
import io.scalecube.cluster.transport.api.TransportConfig;
import io.scalecube.net.Address;
import io.scalecube.transport.netty.Sender;
import io.scalecube.transport.netty.TransportImpl.SenderContext;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.tcp.TcpClient;

/**
 * ScaleCube's TCP sender (same options and framing as its own), on NIO and bound to 127.0.0.1 on
 * the client side too, so that no byte leaves the loopback interface.
 */
final class LoopbackTcpSender implements Sender {
  private final TransportConfig config;

  LoopbackTcpSender(TransportConfig config) {
    this.config = config;
  }

  @Override
  public Mono<Connection> connect(Address address) {
    return Mono.deferContextual(context -> Mono.just(context.get(SenderContext.class)))
        .map(context -> client(context, address))
        .flatMap(TcpClient::connect);
  }

  @Override
  public Mono<Void> send(Message message) {
    return Mono.deferContextual(context -> {
      Connection connection = context.get(Connection.class);
      SenderContext sender = context.get(SenderContext.class);
      return connection.outbound()
          .sendObject(Mono.just(message).map(sender.messageEncoder()), buffer -> true)
          .then();
    });
  }

  private TcpClient client(SenderContext context, Address address) {
    return TcpClient.newConnection()
        .runOn(context.loopResources(), false)
        .bindAddress(() -> new java.net.InetSocketAddress(LoopbackTcpReceiver.LOOPBACK, 0))
        .host(address.host())
        .port(address.port())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        .option(ChannelOption.SO_REUSEADDR, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, config.connectTimeout())
        .doOnChannelInit((observer, channel, remote) -> new LengthFieldFraming(config.maxFrameLength())
            .accept(observer, channel));
  }
}
