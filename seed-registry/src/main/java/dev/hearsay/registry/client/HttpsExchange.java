package dev.hearsay.registry.client;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.PeerIdentities;
import dev.hearsay.crypto.Role;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP request over a fresh mutual-TLS connection, closed after the answer. The server must
 * present a registry identity, or the request is never sent. Every step is under one deadline.
 */
final class HttpsExchange {
  /** An answer: status and body bytes. */
  record Response(int status, byte[] body) {}

  private final EventLoopGroup group;
  private final SslContext tls;
  private final String host;
  private final int port;
  private final Duration connectTimeout;
  private final int maxResponseBytes;

  HttpsExchange(EventLoopGroup group, SslContext tls, String host, int port, Duration connectTimeout, int maxResponseBytes) {
    this.group = group;
    this.tls = tls;
    this.host = host;
    this.port = port;
    this.connectTimeout = connectTimeout;
    this.maxResponseBytes = maxResponseBytes;
  }

  CompletableFuture<Response> send(HttpMethod method, String pathAndQuery, byte[] body, Duration deadline) {
    CompletableFuture<Response> result = new CompletableFuture<>();
    FullHttpRequest request =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1, method, pathAndQuery, body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
    request.headers().set(HttpHeaderNames.HOST, host + ":" + port);
    request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    request.headers().set(HttpHeaderNames.ACCEPT, HttpHeaderValues.APPLICATION_JSON);
    if (body != null) {
      request.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    }
    request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body == null ? 0 : body.length);
    ChannelFuture connect =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(tls.newHandler(ch.alloc(), host, port))
                        .addLast(new HttpClientCodec())
                        .addLast(new HttpObjectAggregator(maxResponseBytes))
                        .addLast(new ResponseHandler(request, result));
                  }
                })
            .connect(host, port);
    Channel channel = connect.channel();
    connect.addListener(
        f -> {
          if (!f.isSuccess()) {
            request.release();
            result.completeExceptionally(
                new RegistryException(0, "connection_failed", "cannot connect to " + host + ":" + port + ": " + f.cause().getMessage(), f.cause()));
          }
        });
    var timer =
        channel.eventLoop().schedule(
            () -> {
              if (result.completeExceptionally(
                  new RegistryException(0, "timeout", "no answer from " + host + ":" + port + " within " + deadline.toMillis() + " ms"))) {
                channel.close();
              }
            },
            deadline.toMillis(),
            TimeUnit.MILLISECONDS);
    result.whenComplete((r, e) -> timer.cancel(false));
    return result;
  }

  private static final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
    private final FullHttpRequest request;
    private final CompletableFuture<Response> result;
    private boolean sent;

    ResponseHandler(FullHttpRequest request, CompletableFuture<Response> result) {
      this.request = request;
      this.result = result;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof SslHandshakeCompletionEvent done) {
        if (!done.isSuccess()) {
          fail(ctx, new RegistryException(0, "connection_failed", "TLS handshake failed: " + done.cause().getMessage(), done.cause()));
          return;
        }
        NodeIdentity server = PeerIdentities.of(ctx.pipeline().get(SslHandler.class).engine().getSession());
        if (server.role() != Role.REGISTRY) {
          fail(ctx, new RegistryException(0, "not_a_registry", "the server is " + server + ", not a registry"));
          return;
        }
        sent = true;
        ctx.writeAndFlush(request);
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
      if (!response.decoderResult().isSuccess()) {
        fail(ctx, new RegistryException(0, "bad_response", "malformed HTTP answer: " + response.decoderResult().cause()));
        return;
      }
      result.complete(new Response(response.status().code(), ByteBufUtil.getBytes(response.content())));
      ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      if (!sent) {
        request.release();
      }
      // Under TLS 1.3 a server that refuses our certificate does so after our side of the handshake completed.
      result.completeExceptionally(
          new RegistryException(0, "connection_failed", "the registry closed the connection without answering (refused our certificate?)"));
      super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      fail(ctx, new RegistryException(0, "connection_failed", String.valueOf(cause.getMessage()), cause));
    }

    private void fail(ChannelHandlerContext ctx, RegistryException e) {
      result.completeExceptionally(e);
      ctx.close();
    }
  }
}
