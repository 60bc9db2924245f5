package dev.hearsay.overlay.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.OverlayTrustManager;
import dev.hearsay.crypto.PeerCheckListener;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.crypto.TlsContexts;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A client holding a valid certificate that writes whatever bytes the test gives it. */
public final class RawTlsClient {
  private static final long TIMEOUT_SECONDS = 10;

  public final Channel channel;

  private RawTlsClient(Channel channel) {
    this.channel = channel;
  }

  public static RawTlsClient connect(EventLoopGroup group, TestPki pki, Credentials who, InetSocketAddress address) throws Exception {
    OverlayTrustManager trust = pki.trustManager(pki.clock, RevocationCheck.NONE, PeerCheckListener.NONE);
    var tls = TlsContexts.client(who, trust);
    CompletableFuture<Void> handshake = new CompletableFuture<>();
    Channel ch =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .handler(new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel c) {
                c.pipeline().addLast(tls.newHandler(c.alloc()));
                c.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                  @Override
                  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                    if (evt instanceof SslHandshakeCompletionEvent done) {
                      if (done.isSuccess()) {
                        handshake.complete(null);
                      } else {
                        handshake.completeExceptionally(done.cause());
                      }
                    }
                  }

                  @Override
                  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    ctx.close();
                  }
                });
              }
            })
            .connect(address)
            .sync()
            .channel();
    handshake.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    return new RawTlsClient(ch);
  }

  public void send(ByteBuf bytes) throws InterruptedException {
    channel.writeAndFlush(bytes).sync();
  }

  public void awaitClosed() throws InterruptedException {
    assertTrue(channel.closeFuture().await(TIMEOUT_SECONDS, TimeUnit.SECONDS), "the server did not close the connection");
  }
}
