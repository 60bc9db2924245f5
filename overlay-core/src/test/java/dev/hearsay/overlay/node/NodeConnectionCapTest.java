package dev.hearsay.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.authz.Policy;
import dev.hearsay.authz.PolicyLoader;
import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.overlay.transport.RejectReason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The policy's per-role cap on simultaneous connections, over real mutual TLS: a member identity
 * opening more than its role allows gets the extra connections closed and counted; a listed seed,
 * whose role allows more, keeps them.
 */
class NodeConnectionCapTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String POLICY = """
      version: 1
      tenants:
        - name: blue
          membership: isolated
      seeds:
        - spiffe://example.org/tenant/blue/node/seed
      limits:
        member:
          connections: 1
        seed:
          connections: 3
      """;

  private final TestPki pki = new TestPki();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  private WireClient connect(Credentials who, Node target) throws Exception {
    WireClient c = new WireClient(pki, who).connect(target.address(), target.identity());
    closeables.add(c);
    return c;
  }

  @Test
  void eachRoleHoldsAtMostItsPolicysConnections() throws Exception {
    Policy policy = PolicyLoader.parse(POLICY, "test policy");
    Node node = Node.start(NodeConfig.loopback(pki.node("blue", "t"), List.of()).withPolicy(policy), new SimpleMeterRegistry(),
        RevocationCheck.NONE);
    closeables.add(node);

    Credentials member = pki.node("blue", "m");
    WireClient first = connect(member, node);
    Await.until(WAIT, "the member's first connection to register",
        () -> node.transport().connections().connectionCount(member.identity()) == 1, () -> node.health().toString());
    WireClient second = connect(member, node);
    Await.until(WAIT, "the member's second connection to be closed", () -> !second.channel.isActive(), () -> node.health().toString());
    assertEquals(1.0, node.transport().rejections().count(RejectReason.TOO_MANY_CONNECTIONS));
    assertTrue(first.channel.isActive(), "the connection within the cap was closed");

    Credentials seed = pki.node("blue", "seed");
    for (int i = 0; i < 3; i++) {
      connect(seed, node);
    }
    Await.until(WAIT, "the seed's three connections to register",
        () -> node.transport().connections().connectionCount(seed.identity()) == 3, () -> node.health().toString());
    assertEquals(1.0, node.transport().rejections().count(RejectReason.TOO_MANY_CONNECTIONS), "a seed connection was refused");
  }
}
