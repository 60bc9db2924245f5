package dev.hearsay.registry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.registry.log.RevocationTarget;
import dev.hearsay.registry.server.RegistryLimits;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a peer holding a connection open can and cannot do. */
class ConnectionReuseTest {
  @TempDir Path dataDir;

  @Test
  void aPeerRevokedWhileConnectedIsRefusedAtItsNextRequestAndDisconnected() throws Exception {
    try (RegistryFixture fx = new RegistryFixture(dataDir)) {
      fx.start(RegistryLimits.DEFAULTS);
      try (KeepAliveConnection connection = new KeepAliveConnection(fx.pki, fx.member, fx.server.port())) {
        connection.send(HttpMethod.GET, "/v1/head");
        assertEquals(200, connection.next().status());
        connection.send(HttpMethod.GET, "/v1/head");
        assertEquals(200, connection.next().status(), "the connection is reused");

        fx.client(fx.operator).publish(RevocationTarget.identity(fx.member.identity()), "compromised");
        connection.send(HttpMethod.GET, "/v1/head");
        HttpsExchange.Response refused = connection.next();
        assertEquals(403, refused.status());
        assertTrue(new String(refused.body(), StandardCharsets.UTF_8).contains("\"revoked\""));
        assertTrue(connection.closesWithin(10), "the registry closes the revoked peer's connection");
      }
      assertEquals(1L, fx.server.rejections().get("revoked"));
    }
  }

  @Test
  void aRequestSentBeforeThePreviousAnswerClosesTheConnection() throws Exception {
    try (RegistryFixture fx = new RegistryFixture(dataDir)) {
      fx.start(RegistryLimits.DEFAULTS);
      try (KeepAliveConnection connection = new KeepAliveConnection(fx.pki, fx.member, fx.server.port())) {
        connection.send(HttpMethod.GET, "/v1/revocations/wait?since=0&timeout=30000");
        connection.send(HttpMethod.GET, "/v1/head");
        assertTrue(connection.closesWithin(10));
      }
      assertEquals(1L, fx.server.rejections().get("pipelined"));
      Await.until("the waiter goes with its connection", java.time.Duration.ofSeconds(10), () -> fx.server.pendingLongPolls() == 0);
    }
  }
}
