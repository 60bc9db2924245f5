package dev.hearsay.registry.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearsay.registry.api.ErrorResponse;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request being answered: exactly one reply is written, on the connection's event loop, as JSON.
 * Errors are counted and logged through {@link Rejections}.
 */
final class Exchange {
  private final ChannelHandlerContext ctx;
  private final Peer peer;
  private final String request;
  private final boolean keepAlive;
  private final ObjectMapper json;
  private final Rejections rejections;
  private final Runnable onDone;
  private final AtomicBoolean replied = new AtomicBoolean();

  Exchange(
      ChannelHandlerContext ctx, Peer peer, String request, boolean keepAlive, ObjectMapper json, Rejections rejections, Runnable onDone) {
    this.ctx = ctx;
    this.peer = peer;
    this.request = request;
    this.keepAlive = keepAlive;
    this.json = json;
    this.rejections = rejections;
    this.onDone = onDone;
  }

  Peer peer() {
    return peer;
  }

  ChannelHandlerContext ctx() {
    return ctx;
  }

  boolean isOpen() {
    return !replied.get() && ctx.channel().isActive();
  }

  void ok(Object body) {
    reply(HttpResponseStatus.OK, body, keepAlive, null);
  }

  void fail(ApiError error, String detail) {
    fail(error, detail, null);
  }

  void fail(ApiError error, String detail, String allow) {
    rejections.record(error.code, peer == null ? "?" : peer.identity().uri(), request, detail);
    // After a refusal for who the peer is, or an internal failure, the connection is not reused.
    boolean keep = keepAlive && error.status.code() < 500 && error != ApiError.REVOKED && error != ApiError.BODY_TOO_LARGE;
    reply(error.status, new ErrorResponse(error.code, detail), keep, allow);
  }

  private void reply(HttpResponseStatus status, Object body, boolean keep, String allow) {
    if (!replied.compareAndSet(false, true)) {
      return;
    }
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      status = HttpResponseStatus.INTERNAL_SERVER_ERROR;
      bytes = "{\"error\":\"internal\",\"detail\":\"response could not be encoded\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      keep = false;
    }
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
    if (allow != null) {
      response.headers().set(HttpHeaderNames.ALLOW, allow);
    }
    if (status.code() == 429) {
      response.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
    }
    boolean closeAfter = !keep;
    if (closeAfter) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    Runnable write =
        () -> {
          onDone.run();
          if (closeAfter) {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
          } else {
            ctx.writeAndFlush(response);
          }
        };
    if (ctx.executor().inEventLoop()) {
      write.run();
    } else {
      ctx.executor().execute(write);
    }
  }
}
