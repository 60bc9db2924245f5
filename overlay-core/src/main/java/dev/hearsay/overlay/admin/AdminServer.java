package dev.hearsay.overlay.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The node's admin endpoint, plain HTTP on a loopback address by default: {@code /} (a live HTML
 * page for operators), {@code /members} (JSON), {@code /health} (JSON), {@code /metrics} (Prometheus text). Read-only; requests are small and
 * bounded (4 KiB, 10 s).
 */
public final class AdminServer implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
  private static final int MAX_REQUEST_BYTES = 4096;
  /** The operator's page: the membership table, registry freshness and rejections, refreshed live. */
  private static final String PAGE = loadPage();

  private final EventLoopGroup group = new NioEventLoopGroup(1);
  private final Channel channel;

  /** What the endpoint serves; suppliers are called per request. */
  public record Content(Supplier<Object> members, Supplier<Map<String, Object>> health, PrometheusMeterRegistry metrics) {}

  public AdminServer(InetSocketAddress bind, Content content) throws InterruptedException {
    this.channel = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline()
                .addLast(new ReadTimeoutHandler(10, TimeUnit.SECONDS))
                .addLast(new HttpServerCodec(MAX_REQUEST_BYTES, MAX_REQUEST_BYTES, MAX_REQUEST_BYTES))
                .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                .addLast(new Handler(content));
          }
        })
        .bind(bind)
        .sync()
        .channel();
  }

  private static String loadPage() {
    try (var in = AdminServer.class.getResourceAsStream("index.html")) {
      if (in == null) {
        throw new IllegalStateException("index.html is missing from the admin package");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot read the admin page", e);
    }
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) channel.localAddress();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final Content content;

    Handler(Content content) {
      this.content = content;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) throws Exception {
      String path = new QueryStringDecoder(request.uri()).path();
      FullHttpResponse response;
      if (!request.method().equals(HttpMethod.GET)) {
        response = json(HttpResponseStatus.METHOD_NOT_ALLOWED, Map.of("error", "only GET is served here"));
      } else {
        response = switch (path) {
          case "/", "/index.html" -> text(PAGE, "text/html; charset=utf-8");
          case "/members" -> json(HttpResponseStatus.OK, content.members().get());
          case "/health" -> json(HttpResponseStatus.OK, content.health().get());
          case "/metrics" -> text(content.metrics().scrape(), "text/plain; version=0.0.4; charset=utf-8");
          default -> json(HttpResponseStatus.NOT_FOUND, Map.of("error", "no such path", "paths", "/ /members /health /metrics"));
        };
      }
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      HttpUtil.setKeepAlive(response, keepAlive);
      var future = ctx.writeAndFlush(response);
      if (!keepAlive) {
        future.addListener(ChannelFutureListener.CLOSE);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }

    private static FullHttpResponse json(HttpResponseStatus status, Object body) throws Exception {
      return response(status, JSON.writeValueAsBytes(body), "application/json");
    }

    private static FullHttpResponse text(String body, String type) {
      return response(HttpResponseStatus.OK, body.getBytes(StandardCharsets.UTF_8), type);
    }

    private static FullHttpResponse response(HttpResponseStatus status, byte[] body, String type) {
      FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
      r.headers().set(HttpHeaderNames.CONTENT_TYPE, type).setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
      return r;
    }
  }
}
