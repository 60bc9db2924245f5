package dev.hearsay.bench.scalecube;

import io.scalecube.cluster.transport.api.Transport;
import io.scalecube.cluster.transport.api.TransportConfig;
import io.scalecube.cluster.transport.api.TransportFactory;
import io.scalecube.transport.netty.TransportImpl;

/**
 * A ScaleCube transport factory whose transports stay on 127.0.0.1 (the stock
 * {@code TcpTransportFactory} binds 0.0.0.0). One factory per member: it keeps the transport it made,
 * so a benchmark can stop that member's network abruptly, as a crash would.
 */
public final class LoopbackTcpTransportFactory implements TransportFactory {
  private volatile Transport created;

  @Override
  public Transport createTransport(TransportConfig config) {
    Transport transport = new TransportImpl(config.messageCodec(), new LoopbackTcpReceiver(config),
        new LoopbackTcpSender(config), config.addressMapper());
    created = transport;
    return transport;
  }

  /** The transport this factory made, or null before the member started. */
  public Transport created() {
    return created;
  }
}
