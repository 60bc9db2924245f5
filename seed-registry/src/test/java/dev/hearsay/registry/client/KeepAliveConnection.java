package dev.hearsay.registry.client;

import dev.hearsay.crypto.TestPki;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** One mutual-TLS connection kept open across requests, to test what the server does between them. */
final class KeepAliveConnection implements AutoCloseable {
  private final NioEventLoopGroup group = new NioEventLoopGroup(1);
  private final BlockingQueue<HttpsExchange.Response> responses = new LinkedBlockingQueue<>();
  private final Channel channel;

  KeepAliveConnection(TestPki pki, dev.hearsay.crypto.Credentials who, int port) throws Exception {
    var tls = pki.client(who, dev.hearsay.crypto.TlsProviders.preferred());
    channel =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(tls.newHandler(ch.alloc(), "127.0.0.1", port))
                        .addLast(new HttpClientCodec())
                        .addLast(new HttpObjectAggregator(1 << 20))
                        .addLast(new SimpleChannelInboundHandler<FullHttpResponse>() {
                          @Override
                          protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
                            responses.add(new HttpsExchange.Response(r.status().code(), ByteBufUtil.getBytes(r.content())));
                          }
                        });
                  }
                })
            .connect("127.0.0.1", port)
            .sync()
            .channel();
    channel.pipeline().get(SslHandler.class).handshakeFuture().sync();
  }

  void send(HttpMethod method, String path) {
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, path, Unpooled.EMPTY_BUFFER);
    request.headers().set(HttpHeaderNames.HOST, "registry");
    request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
    channel.writeAndFlush(request);
  }

  HttpsExchange.Response next() throws InterruptedException {
    HttpsExchange.Response r = responses.poll(10, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no response within 10 s");
    }
    return r;
  }

  boolean closesWithin(long seconds) throws InterruptedException {
    return channel.closeFuture().await(seconds, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
