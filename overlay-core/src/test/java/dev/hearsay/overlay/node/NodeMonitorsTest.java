package dev.hearsay.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.authz.Authorizer;
import dev.hearsay.authz.Policy;
import dev.hearsay.authz.PolicyLoader;
import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.overlay.core.Gossip;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.Status;
import dev.hearsay.overlay.core.Suspect;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code accusers.mode: monitors} over real mutual TLS: each node is watched by the next three nodes
 * of its tenant on the ring, only they may accuse it, and a crash is still found by them and seen
 * DEAD everywhere; an accusation by a node that is not a monitor is refused and counted, and does
 * not cost that node score (views may differ for a moment, so it is not treated as an attack).
 */
class NodeMonitorsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String POLICY = """
      version: 1
      accusers:
        mode: monitors
        monitors: 3
        quorum: 2
      """;

  private final TestPki pki = new TestPki();
  private final List<Node> nodes = new ArrayList<>();
  private final Map<Node, SimpleMeterRegistry> metrics = new HashMap<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    nodes.forEach(Node::close);
  }

  private Node start(Credentials who, Policy policy, List<String> seeds) throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Node node = Node.start(NodeConfig.loopback(who, seeds).withPolicy(policy), registry, RevocationCheck.NONE);
    nodes.add(node);
    metrics.put(node, registry);
    return node;
  }

  private String state() {
    return nodes.stream()
        .map(n -> n.identity().name() + ": " + n.view().members().stream()
            .map(m -> m.name() + "=" + m.status()).collect(Collectors.joining(", ")))
        .collect(Collectors.joining("\n"));
  }

  private double denied(Node n, String reason) {
    Counter c = metrics.get(n).find("hearsay.claims.rejected").tag("reason", reason).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void onlyMonitorsAccuseAndACrashIsStillFoundByThem() throws Exception {
    Policy policy = PolicyLoader.parse(POLICY, "test policy");
    Node seed = start(pki.node("blue", "n0"), policy, List.of());
    for (int i = 1; i < 6; i++) {
      start(pki.node("blue", "n" + i), policy, List.of(seed.address()));
    }
    Await.until(WAIT, "every node to see all six ALIVE", () -> nodes.stream().allMatch(
        n -> n.view().members().stream().filter(m -> m.status() == Status.ALIVE).count() == 6), this::state);

    List<NodeIdentity> everyone = nodes.stream().map(Node::identity).toList();
    Node victim = nodes.get(4);
    List<NodeIdentity> monitors = new Authorizer(policy).monitorsOf(victim.identity(), everyone);
    assertEquals(3, monitors.size());

    // A valid node that is no monitor of the victim (it is not even in the views) accuses it.
    Node judge = nodes.stream().filter(n -> n != victim).findFirst().orElseThrow();
    Credentials mallory = pki.node("blue", "mallory");
    WireClient accuser = new WireClient(pki, mallory).connect(judge.address(), judge.identity());
    closeables.add(accuser);
    MemberId victimId = MemberId.parse(victim.identity().uri());
    long incarnation = judge.view().member(victim.identity().uri()).incarnation();
    Suspect unsigned = new Suspect(victimId, incarnation, MemberId.parse(mallory.identity().uri()), new byte[0]);
    Suspect signed = new Suspect(victimId, incarnation, unsigned.accuser(), CertificateForms.proofWithCertificate(mallory, unsigned));
    accuser.send(new Gossip(List.of(signed), false));
    Await.until(WAIT, "the judge to refuse the accusation", () -> denied(judge, "denied_not_authorized_accuser") >= 1,
        () -> judge.health().toString());
    assertEquals(Status.ALIVE, judge.view().statusOf(victim.identity().uri()));
    @SuppressWarnings("unchecked")
    Map<String, Object> rejections = (Map<String, Object>) judge.health().get("rejections");
    assertFalse(((Map<?, ?>) rejections.get("guard")).containsKey("invalid_claim"),
        "a refused accusation by a non-monitor cost it score: " + rejections);

    long crashed = System.nanoTime();
    victim.close();
    List<Node> others = nodes.stream().filter(n -> n != victim).toList();
    Duration detected = Await.until(WAIT, "every other node to see the victim DEAD",
        () -> others.stream().allMatch(n -> n.view().statusOf(victim.identity().uri()) == Status.DEAD), this::state);
    System.out.printf("monitors mode: %s DEAD at all %d others %.1f s after the crash (monitors %s)%n",
        victim.identity().name(), others.size(), (System.nanoTime() - crashed) / 1e9,
        monitors.stream().map(NodeIdentity::name).toList());
    assertTrue(detected.compareTo(WAIT) < 0);
  }
}
