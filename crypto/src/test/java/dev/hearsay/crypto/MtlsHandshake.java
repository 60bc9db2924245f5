package dev.hearsay.crypto;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real mutual-TLS exchange over loopback with Netty: the server, once its handshake succeeds,
 * greets the client with the identity it authenticated; the client records what it receives. A
 * refused client therefore never hears the greeting, whatever TLS 1.3 lets it believe about its own
 * handshake.
 */
public final class MtlsHandshake implements AutoCloseable {
  public static final long TIMEOUT_SECONDS = 10;

  /** What each side saw: the peer identity, or why its handshake failed. */
  public record Outcome(
      NodeIdentity serverSawClient, Throwable serverFailure, NodeIdentity clientSawServer, Throwable clientFailure, String greeting) {
    public boolean admitted() {
      return serverSawClient != null && greeting != null;
    }
  }

  private final EventLoopGroup group = new NioEventLoopGroup(2);

  public Outcome run(SslContext server, SslContext client) throws Exception {
    CompletableFuture<NodeIdentity> serverSide = new CompletableFuture<>();
    CompletableFuture<NodeIdentity> clientSide = new CompletableFuture<>();
    CompletableFuture<String> greeting = new CompletableFuture<>();
    Channel listener =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(server.newHandler(ch.alloc()));
                    ch.pipeline().addLast(new Greeter(serverSide));
                  }
                })
            .bind(new InetSocketAddress("127.0.0.1", 0))
            .sync()
            .channel();
    try {
      Channel channel =
          new Bootstrap()
              .group(group)
              .channel(NioSocketChannel.class)
              .handler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline().addLast(client.newHandler(ch.alloc()));
                      ch.pipeline().addLast(new Listener(clientSide, greeting));
                    }
                  })
              .connect(listener.localAddress())
              .sync()
              .channel();
      try {
        Throwable serverFailure = failureOf(serverSide);
        Throwable clientFailure = failureOf(clientSide);
        String text = null;
        try {
          text = greeting.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          // closed without a greeting
        }
        return new Outcome(valueOf(serverSide), serverFailure, valueOf(clientSide), clientFailure, text);
      } finally {
        channel.close().sync();
      }
    } finally {
      listener.close().sync();
    }
  }

  private static Throwable failureOf(CompletableFuture<NodeIdentity> side) throws Exception {
    try {
      side.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return null;
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    }
  }

  private static NodeIdentity valueOf(CompletableFuture<NodeIdentity> side) {
    return side.isDone() && !side.isCompletedExceptionally() ? side.join() : null;
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private static NodeIdentity peerOf(ChannelHandlerContext ctx) throws Exception {
    return PeerIdentities.of(ctx.pipeline().get(SslHandler.class).engine().getSession());
  }

  private static final class Greeter extends ChannelInboundHandlerAdapter {
    private final CompletableFuture<NodeIdentity> result;

    Greeter(CompletableFuture<NodeIdentity> result) {
      this.result = result;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof SslHandshakeCompletionEvent done) {
        if (done.isSuccess()) {
          NodeIdentity peer = peerOf(ctx);
          result.complete(peer);
          ctx.writeAndFlush(Unpooled.copiedBuffer("hello " + peer.uri(), StandardCharsets.UTF_8));
        } else {
          result.completeExceptionally(done.cause());
          ctx.close();
        }
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      result.completeExceptionally(cause);
      ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      result.completeExceptionally(new IllegalStateException("closed before the handshake completed"));
    }
  }

  private static final class Listener extends ChannelInboundHandlerAdapter {
    private final CompletableFuture<NodeIdentity> handshake;
    private final CompletableFuture<String> greeting;

    Listener(CompletableFuture<NodeIdentity> handshake, CompletableFuture<String> greeting) {
      this.handshake = handshake;
      this.greeting = greeting;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof SslHandshakeCompletionEvent done) {
        if (done.isSuccess()) {
          handshake.complete(peerOf(ctx));
        } else {
          handshake.completeExceptionally(done.cause());
        }
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf buf = (ByteBuf) msg;
      try {
        greeting.complete(buf.toString(StandardCharsets.UTF_8));
      } finally {
        buf.release();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      handshake.completeExceptionally(cause);
      greeting.completeExceptionally(cause);
      ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      IllegalStateException closed = new IllegalStateException("connection closed");
      handshake.completeExceptionally(closed);
      greeting.completeExceptionally(closed);
    }
  }
}
