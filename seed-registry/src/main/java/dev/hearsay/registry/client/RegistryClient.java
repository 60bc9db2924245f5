package dev.hearsay.registry.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.OverlayTrustManager;
import dev.hearsay.crypto.PeerCertificateValidator;
import dev.hearsay.crypto.PeerCheckListener;
import dev.hearsay.crypto.TlsContexts;
import dev.hearsay.registry.api.EntryJson;
import dev.hearsay.registry.api.ErrorResponse;
import dev.hearsay.registry.api.HeadJson;
import dev.hearsay.registry.api.PublishRequest;
import dev.hearsay.registry.api.PublishResponse;
import dev.hearsay.registry.api.RegistryJson;
import dev.hearsay.registry.api.RevocationsResponse;
import dev.hearsay.registry.api.SeedAddress;
import dev.hearsay.registry.api.SeedJson;
import dev.hearsay.registry.api.SeedRegistrationRequest;
import dev.hearsay.registry.api.SeedsResponse;
import dev.hearsay.registry.api.StatusResponse;
import dev.hearsay.registry.log.RevocationTarget;
import dev.hearsay.registry.log.SignedHead;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLException;

/**
 * The registry's API for nodes and the CLI, over mutual TLS with the caller's credentials. Every call
 * has a deadline; each comes in a blocking form (throws {@link RegistryException}) and an async form
 * (a future failing with one). Entries and heads are returned as sent: a node verifies them with a
 * {@link dev.hearsay.registry.log.ChainVerifier} before it believes them.
 */
public final class RegistryClient implements AutoCloseable {
  private final URI registry;
  private final RegistryClientOptions options;
  private final EventLoopGroup group;
  private final HttpsExchange https;
  private final ObjectMapper json = RegistryJson.mapper();

  private RegistryClient(URI registry, RegistryClientOptions options, EventLoopGroup group, HttpsExchange https) {
    this.registry = registry;
    this.options = options;
    this.group = group;
    this.https = https;
  }

  public static RegistryClient create(URI registry, Credentials credentials) throws SSLException {
    return create(registry, credentials, RegistryClientOptions.DEFAULTS);
  }

  /**
   * @param registry {@code https://host:port}
   * @throws IllegalArgumentException if the URI is not an https URI with host and port
   */
  public static RegistryClient create(URI registry, Credentials credentials, RegistryClientOptions options) throws SSLException {
    if (!"https".equals(registry.getScheme()) || registry.getHost() == null || registry.getPort() < 1) {
      throw new IllegalArgumentException("the registry address must be https://host:port, got " + registry);
    }
    PeerCertificateValidator validator =
        new PeerCertificateValidator(
            credentials.trustBundle(), credentials.identity().trustDomain(), options.clock(), options.revocation());
    SslContext tls =
        TlsContexts.client(credentials, new OverlayTrustManager(validator, credentials.trustBundle(), PeerCheckListener.NONE));
    EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("hearsay-registry-client", true));
    HttpsExchange https =
        new HttpsExchange(group, tls, registry.getHost(), registry.getPort(), options.connectTimeout(), options.maxResponseBytes());
    return new RegistryClient(registry, options, group, https);
  }

  /** Revokes a target (operators only); publishing an already revoked target returns its entry. */
  public CompletableFuture<PublishResult> publishAsync(RevocationTarget target, String reason) {
    return call(HttpMethod.POST, "/v1/revocations", PublishRequest.of(target, reason), PublishResponse.class, options.requestTimeout())
        .thenApply(r -> new PublishResult(r.entry().toEntry(), r.created(), r.head().toHead()));
  }

  public PublishResult publish(RevocationTarget target, String reason) throws RegistryException {
    return await(publishAsync(target, reason));
  }

  /** One page of entries after {@code sequence}, with the signed head. */
  public CompletableFuture<RevocationPage> sinceAsync(long sequence) {
    return call(HttpMethod.GET, "/v1/revocations?since=" + checkSequence(sequence), null, RevocationsResponse.class, options.requestTimeout())
        .thenApply(RegistryClient::toPage);
  }

  public RevocationPage since(long sequence) throws RegistryException {
    return await(sinceAsync(sequence));
  }

  /**
   * Pages through the log from {@code sequence} to its end, for a node catching up: the entries of
   * every page and the last page's head, ready for one {@code ChainVerifier.verify} call. Each page is
   * consistent with its own head, so the collected entries always lead to the returned head.
   *
   * @param maxEntries a bound on what one catch-up collects; past it the result has {@code more} set
   */
  public RevocationPage catchUp(long sequence, int maxEntries) throws RegistryException {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive");
    }
    List<dev.hearsay.registry.log.RevocationEntry> entries = new java.util.ArrayList<>();
    RevocationPage page = since(sequence);
    entries.addAll(page.entries());
    while (page.more() && entries.size() < maxEntries && !page.entries().isEmpty()) {
      page = since(page.next());
      entries.addAll(page.entries());
    }
    return new RevocationPage(entries, page.next(), page.more(), page.head());
  }

  /**
   * Long-poll: answers as soon as the log holds entries after {@code sequence}, or after {@code wait}
   * with none (the registry cuts waits longer than its limit).
   */
  public CompletableFuture<RevocationPage> awaitAsync(long sequence, Duration wait) {
    long ms = Math.max(0, wait.toMillis());
    return call(
            HttpMethod.GET, "/v1/revocations/wait?since=" + checkSequence(sequence) + "&timeout=" + ms, null,
            RevocationsResponse.class, options.requestTimeout().plus(wait))
        .thenApply(RegistryClient::toPage);
  }

  public RevocationPage await(long sequence, Duration wait) throws RegistryException {
    return await(awaitAsync(sequence, wait), options.requestTimeout().plus(wait));
  }

  public CompletableFuture<SignedHead> headAsync() {
    return call(HttpMethod.GET, "/v1/head", null, HeadJson.class, options.requestTimeout()).thenApply(HeadJson::toHead);
  }

  public SignedHead head() throws RegistryException {
    return await(headAsync());
  }

  /** Live bootstrap addresses (a bounded, shuffled selection); entries that do not parse are left out. */
  public CompletableFuture<List<Seed>> seedsAsync() {
    return seedListAsync().thenApply(SeedList::seeds);
  }

  /** Live bootstrap addresses, with the entries that did not parse set aside and described. */
  public CompletableFuture<SeedList> seedListAsync() {
    return call(HttpMethod.GET, "/v1/seeds", null, SeedsResponse.class, options.requestTimeout()).thenApply(SeedList::of);
  }

  public List<Seed> seeds() throws RegistryException {
    return await(seedsAsync());
  }

  /** Registers or renews the calling node's gossip address (node identities only); renew within the TTL. */
  public CompletableFuture<Seed> registerSeedAsync(SeedAddress address) {
    return call(HttpMethod.POST, "/v1/seeds", new SeedRegistrationRequest(address.toString()), SeedJson.class, options.requestTimeout())
        .thenApply(RegistryClient::toSeed);
  }

  public Seed registerSeed(SeedAddress address) throws RegistryException {
    return await(registerSeedAsync(address));
  }

  /** Head, counts and rejections, for {@code hearsay registry status}. */
  public CompletableFuture<StatusResponse> statusAsync() {
    return call(HttpMethod.GET, "/v1/status", null, StatusResponse.class, options.requestTimeout());
  }

  public StatusResponse status() throws RegistryException {
    return await(statusAsync());
  }

  public URI registry() {
    return registry;
  }

  private static long checkSequence(long sequence) {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must not be negative");
    }
    return sequence;
  }

  private static RevocationPage toPage(RevocationsResponse r) {
    if (r.entries() == null || r.head() == null) {
      throw new IllegalArgumentException("the answer lacks entries or head");
    }
    return new RevocationPage(r.entries().stream().map(EntryJson::toEntry).toList(), r.next(), r.more(), r.head().toHead());
  }

  static Seed toSeed(SeedJson s) {
    return new Seed(NodeIdentity.parse(s.identity()), SeedAddress.parse(s.address()), Instant.parse(s.expires()));
  }

  private <T> CompletableFuture<T> call(HttpMethod method, String path, Object body, Class<T> type, Duration deadline) {
    byte[] bytes;
    try {
      bytes = body == null ? null : json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      return CompletableFuture.failedFuture(new RegistryException(0, "bad_request", "cannot encode the request: " + e.getMessage()));
    }
    return https.send(method, path, bytes, deadline).thenApply(decode(type));
  }

  private <T> Function<HttpsExchange.Response, T> decode(Class<T> type) {
    return response -> {
      try {
        if (response.status() == 200) {
          return json.readValue(response.body(), type);
        }
        ErrorResponse error = json.readValue(response.body(), ErrorResponse.class);
        throw new CompletionException(new RegistryException(response.status(), error.error(), error.detail()));
      } catch (IOException | RuntimeException e) {
        if (e instanceof CompletionException c) {
          throw c;
        }
        throw new CompletionException(
            new RegistryException(
                response.status() == 200 ? 0 : response.status(), response.status() == 200 ? "bad_response" : "http_" + response.status(),
                "unreadable answer from the registry: " + e.getMessage(), e));
      }
    };
  }

  private <T> T await(CompletableFuture<T> future) throws RegistryException {
    return await(future, options.requestTimeout());
  }

  private <T> T await(CompletableFuture<T> future, Duration deadline) throws RegistryException {
    try {
      // The exchange enforces the deadline itself; this bound only guards against a bug there.
      return future.get(deadline.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
      if (cause instanceof RegistryException r) {
        throw r;
      }
      throw new RegistryException(0, "bad_response", String.valueOf(cause.getMessage()), cause);
    } catch (java.util.concurrent.TimeoutException e) {
      future.cancel(true);
      throw new RegistryException(0, "timeout", "no answer from " + registry);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw new RegistryException(0, "interrupted", "interrupted while waiting for " + registry);
    }
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
