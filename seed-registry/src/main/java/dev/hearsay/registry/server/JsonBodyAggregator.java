package dev.hearsay.registry.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;

/** Aggregates request bodies up to the limit; a larger one gets a JSON 413 and the connection is closed. */
final class JsonBodyAggregator extends HttpObjectAggregator {
  private final int maxBytes;
  private final ObjectMapper json;
  private final Rejections rejections;

  JsonBodyAggregator(int maxBytes, ObjectMapper json, Rejections rejections) {
    super(maxBytes);
    this.maxBytes = maxBytes;
    this.json = json;
    this.rejections = rejections;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    String request = oversized instanceof HttpRequest r ? r.method() + " " + JsonBodies.bounded(r.uri()) : "request";
    new Exchange(ctx, RegistryRequestHandler.peerOf(ctx), request, false, json, rejections, () -> {})
        .fail(ApiError.BODY_TOO_LARGE, "the request body is larger than " + maxBytes + " bytes");
  }
}
