package dev.hearsay.registry.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearsay.crypto.PeerIdentities;
import dev.hearsay.registry.log.RevocationSet;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a connection: checks who is asking (from the TLS session), whether they are
 * revoked since they connected, and their rate; then routes. One request at a time per connection:
 * a request sent before the previous answer (pipelining) closes the connection.
 */
final class RegistryRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryRequestHandler.class);

  private final ObjectMapper json;
  private final Rejections rejections;
  private final RateLimiter rateLimiter;
  private final RevocationSet revocations;
  private final RevocationEndpoints revocationEndpoints;
  private final SeedEndpoints seedEndpoints;
  private final StatusEndpoint statusEndpoint;
  private boolean inFlight;
  /** Read from the session once per connection: it cannot change after the handshake. */
  private Peer peer;

  RegistryRequestHandler(
      ObjectMapper json, Rejections rejections, RateLimiter rateLimiter, RevocationSet revocations,
      RevocationEndpoints revocationEndpoints, SeedEndpoints seedEndpoints, StatusEndpoint statusEndpoint) {
    this.json = json;
    this.rejections = rejections;
    this.rateLimiter = rateLimiter;
    this.revocations = revocations;
    this.revocationEndpoints = revocationEndpoints;
    this.seedEndpoints = seedEndpoints;
    this.statusEndpoint = statusEndpoint;
  }

  /** The authenticated peer of a connection whose handshake completed, else null. */
  static Peer peerOf(ChannelHandlerContext ctx) {
    SslHandler ssl = ctx.pipeline().get(SslHandler.class);
    if (ssl == null || !ssl.handshakeFuture().isSuccess()) {
      return null;
    }
    try {
      var session = ssl.engine().getSession();
      return new Peer(PeerIdentities.of(session), PeerIdentities.peerCertificate(session));
    } catch (Exception e) {
      return null;
    }
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (peer == null) {
      peer = peerOf(ctx);
    }
    String line = request.method() + " " + JsonBodies.bounded(request.uri());
    if (peer == null) {
      // The trust manager admitted the handshake, so this does not happen; never serve anonymously.
      LOG.warn("closing a connection without an authenticated peer: {}", line);
      ctx.close();
      return;
    }
    if (inFlight) {
      rejections.record("pipelined", peer.identity().uri(), line, "a request was sent before the previous one was answered");
      ctx.close();
      return;
    }
    inFlight = true;
    Exchange ex = new Exchange(ctx, peer, line, HttpUtil.isKeepAlive(request), json, rejections, () -> inFlight = false);
    if (!request.decoderResult().isSuccess()) {
      ex.fail(ApiError.BAD_REQUEST, "malformed HTTP request: " + JsonBodies.bounded(String.valueOf(request.decoderResult().cause())));
      return;
    }
    Optional<String> revoked = revocations.revocationReason(peer.certificate(), peer.identity());
    if (revoked.isPresent()) {
      ex.fail(ApiError.REVOKED, peer.identity() + " is revoked: " + revoked.get());
      return;
    }
    if (!rateLimiter.tryAcquire(peer.identity())) {
      ex.fail(ApiError.RATE_LIMITED, "too many requests from " + peer.identity() + "; slow down");
      return;
    }
    try {
      route(ex, request);
    } catch (BadRequest e) {
      ex.fail(e.error, e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("{} from {} failed", line, peer.identity(), e);
      ex.fail(ApiError.INTERNAL, "the registry failed to answer; see its log");
    }
  }

  private void route(Exchange ex, FullHttpRequest request) throws BadRequest {
    QueryStringDecoder uri = new QueryStringDecoder(request.uri(), StandardCharsets.UTF_8, true, Query.maxParams());
    Route route = Route.of(uri.path());
    if (route == null) {
      throw new BadRequest(ApiError.NOT_FOUND, "no such path: " + JsonBodies.bounded(uri.path()));
    }
    HttpMethod method = request.method();
    if (!route.methods.contains(method)) {
      ex.fail(ApiError.METHOD_NOT_ALLOWED, route.path + " answers " + route.allowHeader() + ", not " + method, route.allowHeader());
      return;
    }
    byte[] body = new byte[0];
    if (method.equals(HttpMethod.POST)) {
      checkJsonContentType(request);
      body = ByteBufUtil.getBytes(request.content());
    }
    switch (route) {
      case REVOCATIONS -> {
        if (method.equals(HttpMethod.POST)) {
          Query.parse(uri, Set.of());
          revocationEndpoints.publish(ex, body);
        } else {
          revocationEndpoints.since(ex, Query.parse(uri, RevocationEndpoints.SINCE_PARAMS));
        }
      }
      case WAIT -> revocationEndpoints.waitFor(ex, Query.parse(uri, RevocationEndpoints.WAIT_PARAMS));
      case HEAD -> {
        Query.parse(uri, Set.of());
        revocationEndpoints.head(ex);
      }
      case SEEDS -> {
        Query.parse(uri, Set.of());
        if (method.equals(HttpMethod.POST)) {
          seedEndpoints.register(ex, body);
        } else {
          seedEndpoints.list(ex);
        }
      }
      case STATUS -> {
        Query.parse(uri, Set.of());
        statusEndpoint.status(ex);
      }
    }
  }

  private static void checkJsonContentType(FullHttpRequest request) throws BadRequest {
    String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
    if (type != null && !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new BadRequest(ApiError.UNSUPPORTED_MEDIA_TYPE, "the body must be application/json, not " + JsonBodies.bounded(type));
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent) {
      ctx.close();
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Handshake refusals are logged by the trust manager; anything else here is a broken connection.
    LOG.debug("closing connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
