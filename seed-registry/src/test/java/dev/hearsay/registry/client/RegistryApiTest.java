package dev.hearsay.registry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.registry.api.SeedAddress;
import dev.hearsay.registry.log.ChainVerification;
import dev.hearsay.registry.log.RevocationEntry;
import dev.hearsay.registry.log.RevocationTarget;
import dev.hearsay.registry.log.SignedHead;
import dev.hearsay.registry.server.RegistryLimits;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryApiTest {
  private static final RegistryLimits LIMITS =
      RegistryLimits.DEFAULTS.withPageSize(2).withRate(1000, 10_000).withSeedTtl(Duration.ofSeconds(30));
  private static final Duration CALL = Duration.ofSeconds(10);

  @TempDir Path dataDir;
  private RegistryFixture fx;
  private final ObjectMapper json = new ObjectMapper();

  private RegistryFixture started(RegistryLimits limits) throws Exception {
    fx = new RegistryFixture(dataDir);
    fx.start(limits);
    return fx;
  }

  @AfterEach
  void stop() throws Exception {
    if (fx != null) {
      fx.close();
    }
  }

  /** Targets are in a tenant of their own, so revoking them never locks out the test's own clients. */
  private static RevocationTarget node(String name) {
    return RevocationTarget.identity(NodeIdentity.node(TestPki.DOMAIN, "red", name));
  }

  private HttpsExchange.Response send(Credentials who, HttpMethod method, String path, String body) throws Exception {
    byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    return fx.raw(who).send(method, path, bytes, CALL).get(CALL.toSeconds() + 5, TimeUnit.SECONDS);
  }

  private JsonNode error(HttpsExchange.Response r, int status, String code) throws Exception {
    assertEquals(status, r.status(), new String(r.body(), StandardCharsets.UTF_8));
    JsonNode body = json.readTree(r.body());
    assertEquals(code, body.path("error").asText(), body.toString());
    assertFalse(body.path("detail").asText().isBlank(), "an error explains itself: " + body);
    return body;
  }

  @Test
  void anOperatorPublishesAndGetsTheEntryWithAVerifiableSignedHead() throws Exception {
    started(LIMITS);
    PublishResult r = fx.client(fx.operator).publish(node("mallory"), "key compromise");
    assertTrue(r.created());
    assertEquals(1, r.entry().sequence());
    assertEquals(node("mallory"), r.entry().target());
    assertEquals("key compromise", r.entry().reason());
    assertEquals(fx.operator.identity(), r.entry().operator());
    assertEquals(1, r.head().sequence());
    assertEquals(r.entry().hash(), r.head().hash());
    assertTrue(r.head().verify(fx.registry.keyMaterial().certificate()));
    ChainVerification v = fx.chainVerifier().verify(null, List.of(r.entry()), r.head());
    assertTrue(v.accepted(), v.toString());

    // The wire shapes the CLI and other clients rely on.
    JsonNode head = json.readTree(send(fx.member, HttpMethod.GET, "/v1/head", null).body());
    for (String field : List.of("sequence", "hash", "time", "registry", "certificate", "signature")) {
      assertTrue(head.has(field), field + " in " + head);
    }
    assertEquals("spiffe://example.org/registry/r1", head.get("registry").asText());
    JsonNode page = json.readTree(send(fx.member, HttpMethod.GET, "/v1/revocations?since=0", null).body());
    JsonNode entry = page.path("entries").path(0);
    assertEquals("spiffe://example.org/tenant/red/node/mallory", entry.path("node").asText(), page.toString());
    for (String field : List.of("sequence", "reason", "time", "operator", "prevHash", "hash")) {
      assertTrue(entry.has(field), field + " in " + entry);
    }
    assertFalse(entry.has("serial"), "absent target kinds are left out: " + entry);
    assertEquals(1, page.path("next").asLong());
    assertFalse(page.path("more").asBoolean());
  }

  @Test
  void publishingTheSameTargetTwiceReturnsTheSameEntry() throws Exception {
    started(LIMITS);
    RegistryClient operator = fx.client(fx.operator);
    PublishResult first = operator.publish(RevocationTarget.serial("0a1b2c"), "lost laptop");
    PublishResult second = operator.publish(RevocationTarget.serial("A1B2C"), "again");
    assertTrue(first.created());
    assertFalse(second.created());
    assertEquals(first.entry(), second.entry());
    assertEquals(1, fx.server.store().position().sequence());
  }

  @Test
  void aMemberNodeCannotPublish() throws Exception {
    started(LIMITS);
    RegistryException e = assertThrows(RegistryException.class, () -> fx.client(fx.member).publish(node("n2"), "grudge"));
    assertEquals(403, e.status());
    assertEquals("forbidden", e.error());
    assertTrue(e.detail().contains("operator"), e.detail());
    assertEquals(0, fx.server.store().position().sequence());
    error(send(fx.member, HttpMethod.POST, "/v1/revocations", "{\"serial\":\"ab\"}"), 403, "forbidden");
  }

  @Test
  void badRequestsGetClearJsonErrors() throws Exception {
    started(LIMITS);
    Credentials op = fx.operator;
    error(send(op, HttpMethod.POST, "/v1/revocations", "{\"serial\": "), 400, "bad_json");
    error(send(op, HttpMethod.POST, "/v1/revocations", "not json"), 400, "bad_json");
    error(send(op, HttpMethod.POST, "/v1/revocations", ""), 400, "bad_json");
    JsonNode trailing = error(send(op, HttpMethod.POST, "/v1/revocations", "{\"serial\":\"ab\"} {}"), 400, "bad_json");
    assertFalse(trailing.path("detail").asText().contains("dev.hearsay"), "no Java names in errors: " + trailing);
    error(send(op, HttpMethod.POST, "/v1/revocations", "[1, 2]"), 400, "bad_json");
    error(send(op, HttpMethod.POST, "/v1/revocations", "{\"serial\":{\"x\":1}}"), 400, "bad_json");
    error(send(op, HttpMethod.POST, "/v1/revocations", "{\"serial\":\"ab\",\"serial\":\"cd\"}"), 400, "bad_json");
    JsonNode unknown = error(send(op, HttpMethod.POST, "/v1/revocations", "{\"serial\":\"ab\",\"color\":\"red\"}"), 400, "unknown_field");
    assertTrue(unknown.path("detail").asText().contains("color"), unknown.toString());
    error(send(op, HttpMethod.POST, "/v1/revocations", "{\"serial\":\"ab\",\"node\":\"spiffe://example.org/tenant/a/node/b\"}"), 400, "invalid_request");
    error(send(op, HttpMethod.POST, "/v1/revocations", "{\"serial\":\"not-hex\"}"), 400, "invalid_request");
    error(send(op, HttpMethod.POST, "/v1/revocations", "{\"node\":\"spiffe://other.org/tenant/a/node/b\"}"), 400, "invalid_request");
    error(send(op, HttpMethod.POST, "/v1/revocations", "{\"node\":\"spiffe://example.org/registry/r1\"}"), 400, "invalid_request");
    error(send(op, HttpMethod.GET, "/v1/revocations?since=-1", null), 400, "invalid_request");
    error(send(op, HttpMethod.GET, "/v1/revocations?since=abc", null), 400, "invalid_request");
    error(send(op, HttpMethod.GET, "/v1/revocations?from=1", null), 400, "invalid_request");
    JsonNode method = error(send(op, HttpMethod.DELETE, "/v1/head", null), 405, "method_not_allowed");
    assertTrue(method.path("detail").asText().contains("GET"), method.toString());
    error(send(op, HttpMethod.GET, "/v1/nothing-here", null), 404, "not_found");
    assertEquals(0, fx.server.store().position().sequence(), "no bad request published anything");
    assertTrue(fx.server.rejections().getOrDefault("bad_json", 0L) >= 5, fx.server.rejections().toString());
  }

  @Test
  void anOversizedBodyGetsA413() throws Exception {
    started(LIMITS.withMaxBodyBytes(1024));
    String big = "{\"serial\":\"ab\",\"reason\":\"" + "x".repeat(2000) + "\"}";
    error(send(fx.operator, HttpMethod.POST, "/v1/revocations", big), 413, "body_too_large");
    assertEquals(0, fx.server.store().position().sequence());
    // The registry keeps serving.
    assertTrue(fx.client(fx.operator).publish(RevocationTarget.serial("ab"), "").created());
  }

  @Test
  void sinceAndHeadPageThroughTheLogUpToTheSignedHead() throws Exception {
    started(LIMITS);
    RegistryClient operator = fx.client(fx.operator);
    for (int i = 1; i <= 5; i++) {
      operator.publish(node("n" + i), "r" + i);
    }
    RegistryClient member = fx.client(fx.member);
    SignedHead head = member.head();
    assertEquals(5, head.sequence());
    List<RevocationEntry> all = new ArrayList<>();
    RevocationPage page = member.since(0);
    int pages = 1;
    all.addAll(page.entries());
    while (page.more()) {
      assertEquals(2, page.entries().size(), "pages are bounded by the page size");
      page = member.since(page.next());
      all.addAll(page.entries());
      pages++;
    }
    assertEquals(3, pages);
    assertEquals(5, all.size());
    assertEquals(5, page.next());
    ChainVerification v = fx.chainVerifier().verify(null, all, page.head());
    assertTrue(v.accepted(), v.toString());
    assertEquals(all, fx.server.store().entriesAfter(0, 10));
    RevocationPage caughtUp = member.catchUp(1, 1000);
    assertEquals(all.subList(1, 5), caughtUp.entries());
    assertFalse(caughtUp.more());
    assertTrue(fx.chainVerifier().verify(null, all, caughtUp.head()).accepted());
    RevocationPage bounded = member.catchUp(0, 3);
    assertEquals(4, bounded.entries().size(), "stops at the first page boundary past the bound");
    assertTrue(bounded.more());
    RevocationPage tail = member.since(4);
    assertEquals(List.of(5L), tail.entries().stream().map(RevocationEntry::sequence).toList());
    assertTrue(member.since(5).entries().isEmpty());
    assertFalse(member.since(99).more());
  }

  @Test
  void aLongPollIsAnsweredByTheNextPublishOrByItsTimeout() throws Exception {
    started(LIMITS);
    RegistryClient operator = fx.client(fx.operator);
    RegistryClient member = fx.client(fx.member);
    operator.publish(node("n1"), "");

    RevocationPage quiet = member.await(1, Duration.ofMillis(200));
    assertTrue(quiet.entries().isEmpty());
    assertEquals(1, quiet.head().sequence());

    CompletableFuture<RevocationPage> poll = member.awaitAsync(1, Duration.ofSeconds(30));
    Await.until("the long-poll is pending", CALL, () -> fx.server.pendingLongPolls() == 1);
    assertFalse(poll.isDone());
    PublishResult published = operator.publish(node("n2"), "");
    RevocationPage woke = poll.get(CALL.toSeconds(), TimeUnit.SECONDS);
    assertEquals(List.of(published.entry()), woke.entries());
    assertEquals(2, woke.head().sequence());
    Await.until("the waiter is gone", CALL, () -> fx.server.pendingLongPolls() == 0);

    // Already behind: answered at once.
    assertEquals(2, member.await(0, Duration.ofSeconds(30)).entries().size());
  }

  @Test
  void longPollsAreBoundedInNumber() throws Exception {
    started(LIMITS.withMaxWaiters(1));
    RegistryClient member = fx.client(fx.member);
    CompletableFuture<RevocationPage> first = member.awaitAsync(0, Duration.ofSeconds(30));
    Await.until("the first long-poll is pending", CALL, () -> fx.server.pendingLongPolls() == 1);
    RegistryException busy = assertThrows(RegistryException.class, () -> member.await(0, Duration.ofSeconds(30)));
    assertEquals(503, busy.status());
    assertEquals("busy", busy.error());
    fx.client(fx.operator).publish(node("n1"), "");
    assertEquals(1, first.get(CALL.toSeconds(), TimeUnit.SECONDS).entries().size());
  }

  @Test
  void nodesRegisterSeedsThatExpireUnlessRenewed() throws Exception {
    started(LIMITS);
    RegistryClient n1 = fx.client(fx.member);
    RegistryClient n2 = fx.client(fx.pki.node("blue", "n2"));
    Seed s1 = n1.registerSeed(SeedAddress.parse("10.0.0.1:7946"));
    assertEquals(fx.member.identity(), s1.identity());
    n2.registerSeed(SeedAddress.parse("[fd00::2]:7946"));
    assertEquals(2, n1.seeds().size());

    RegistryException notANode = assertThrows(RegistryException.class, () -> fx.client(fx.operator).registerSeed(SeedAddress.parse("10.0.0.9:1")));
    assertEquals(403, notANode.status());
    error(send(fx.member, HttpMethod.POST, "/v1/seeds", "{\"address\":\"no-port\"}"), 400, "invalid_request");

    fx.ticker.advance(Duration.ofSeconds(20));
    n1.registerSeed(SeedAddress.parse("10.0.0.1:7947"));
    fx.ticker.advance(Duration.ofSeconds(15));
    List<Seed> left = fx.client(fx.operator).seeds();
    assertEquals(1, left.size(), left.toString());
    assertEquals("10.0.0.1:7947", left.get(0).address().toString());
    fx.ticker.advance(Duration.ofSeconds(31));
    assertTrue(n1.seeds().isEmpty());
  }

  @Test
  void revokedSeedsAreNotListed() throws Exception {
    started(LIMITS);
    fx.client(fx.member).registerSeed(SeedAddress.parse("10.0.0.1:7946"));
    fx.client(fx.operator).publish(RevocationTarget.identity(fx.member.identity()), "");
    assertTrue(fx.client(fx.operator).seeds().isEmpty());
  }

  @Test
  void aRevokedOperatorCanNoLongerConnect() throws Exception {
    started(LIMITS);
    Credentials bob = fx.credentials(NodeIdentity.operator(TestPki.DOMAIN, "bob"));
    RegistryClient bobClient = fx.client(bob);
    bobClient.publish(node("n1"), "");
    fx.client(fx.operator).publish(RevocationTarget.identity(bob.identity()), "left the company");
    RegistryException refused = assertThrows(RegistryException.class, () -> bobClient.publish(node("n2"), ""));
    assertEquals(0, refused.status(), "refused at the handshake, not by an HTTP answer: " + refused.getMessage());
    assertEquals("connection_failed", refused.error());
    assertTrue(fx.server.rejections().getOrDefault("handshake_revoked", 0L) >= 1, fx.server.rejections().toString());
    // By serial too: one certificate of a member.
    Credentials n3 = fx.pki.node("blue", "n3");
    fx.client(fx.operator).publish(RevocationTarget.serialOf(n3.keyMaterial().certificate()), "");
    assertThrows(RegistryException.class, () -> fx.client(n3).head());
    fx.client(fx.pki.node("blue", "n3")).head();
    assertEquals(3, fx.server.store().position().sequence());
  }

  @Test
  void requestsBeyondAnIdentitysRateAreRefusedWith429() throws Exception {
    started(LIMITS.withRate(1, 2));
    RegistryClient member = fx.client(fx.member);
    member.head();
    member.head();
    RegistryException limited = assertThrows(RegistryException.class, member::head);
    assertEquals(429, limited.status());
    assertEquals("rate_limited", limited.error());
    // Another identity has its own bucket; time refills this one.
    fx.client(fx.operator).head();
    fx.ticker.advance(Duration.ofSeconds(1));
    member.head();
  }

  @Test
  void theLogAndItsHeadSurviveARestart() throws Exception {
    started(LIMITS);
    PublishResult r = fx.client(fx.operator).publish(node("n1"), "");
    fx.server.close();
    fx.start(LIMITS);
    SignedHead head = fx.client(fx.member).head();
    assertEquals(r.head().position(), head.position());
    assertTrue(fx.client(fx.operator).publish(node("n2"), "").created());
  }

  @Test
  void theStatusShowsHeadCountsAndRejections() throws Exception {
    started(LIMITS);
    fx.client(fx.operator).publish(node("n1"), "");
    assertThrows(RegistryException.class, () -> fx.client(fx.member).publish(node("n2"), ""));
    var status = fx.client(fx.operator).status();
    assertEquals(1, status.entries());
    assertEquals(1, status.head().sequence());
    assertEquals(1L, status.rejections().get("forbidden"));
  }
}
