package dev.hearsay.registry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.PeerCheckListener;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.crypto.TlsContexts;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A member node posing as the registry gets nothing from the client: not even the request. */
class NotARegistryTest {
  @Test
  void theClientRefusesAServerThatIsNotARegistryBeforeSendingAnything() throws Exception {
    TestPki pki = new TestPki();
    Credentials impostor = pki.node("blue", "mallory");
    SslContext tls = TlsContexts.server(impostor, pki.trustManager(pki.clock, RevocationCheck.NONE, PeerCheckListener.NONE));
    AtomicInteger bytesReceived = new AtomicInteger();
    NioEventLoopGroup group = new NioEventLoopGroup(1);
    try {
      Channel listener =
          new ServerBootstrap()
              .group(group)
              .channel(NioServerSocketChannel.class)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                      ch.pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                          bytesReceived.addAndGet(msg.readableBytes());
                        }
                      });
                    }
                  })
              .bind(new InetSocketAddress("127.0.0.1", 0))
              .sync()
              .channel();
      int port = ((InetSocketAddress) listener.localAddress()).getPort();
      try (RegistryClient client =
          RegistryClient.create(
              URI.create("https://127.0.0.1:" + port), pki.node("blue", "n1"),
              RegistryClientOptions.DEFAULTS.withClock(pki.clock).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)))) {
        RegistryException e = assertThrows(RegistryException.class, client::head);
        assertEquals("not_a_registry", e.error());
        assertTrue(e.detail().contains("mallory"), e.detail());
      }
      assertEquals(0, bytesReceived.get(), "no request reached the impostor");
      listener.close().sync();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  @Test
  void onlyHttpsRegistryAddressesAreAccepted() {
    TestPki pki = new TestPki();
    assertThrows(IllegalArgumentException.class, () -> RegistryClient.create(URI.create("http://127.0.0.1:9443"), pki.node("blue", "n1")));
    assertThrows(IllegalArgumentException.class, () -> RegistryClient.create(URI.create("https://127.0.0.1"), pki.node("blue", "n1")));
  }
}
