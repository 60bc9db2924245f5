package dev.hearsay.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.overlay.core.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Five real nodes over loopback mTLS: converge, detect a crash, take a restart back, see a leave. */
class NodeClusterTest {
  private static final Duration CONVERGE = Duration.ofSeconds(20);
  private static final Duration DETECT = Duration.ofSeconds(40);

  private final TestPki pki = new TestPki();
  private final List<Node> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    nodes.forEach(Node::close);
  }

  private Node start(Credentials who, List<String> seeds) throws Exception {
    return start(who, seeds, new SimpleMeterRegistry());
  }

  private Node start(Credentials who, List<String> seeds, SimpleMeterRegistry metrics) throws Exception {
    NodeConfig config = NodeConfig.loopback(who, seeds);
    Node node = Node.start(config, metrics, RevocationCheck.NONE);
    nodes.add(node);
    return node;
  }

  private String state() {
    return nodes.stream()
        .map(n -> n.identity().name() + ": " + n.view().members().stream()
            .map(m -> m.name() + "=" + m.status() + "@" + m.incarnation()).collect(Collectors.joining(", ")))
        .collect(Collectors.joining("\n"));
  }

  private static long incarnationOf(Node n) {
    try {
      return n.incarnation();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean allSee(List<Node> observers, String subjectUri, Status status) {
    return observers.stream().allMatch(n -> n.view().statusOf(subjectUri) == status);
  }

  @Test
  void fiveNodesConvergeDetectACrashTakeARestartBackAndSeeALeave() throws Exception {
    List<Credentials> creds = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      creds.add(pki.node("blue", "n" + i)); // one tenant: under the default policy tenants see only themselves
    }
    Node seed = start(creds.get(0), List.of());
    for (int i = 1; i < 5; i++) {
      start(creds.get(i), List.of(seed.address()));
    }

    Duration converged = Await.until(CONVERGE, "every node to see all five ALIVE", () -> nodes.stream().allMatch(
        n -> n.view().members().size() == 5 && n.view().members().stream().allMatch(m -> m.status() == Status.ALIVE)),
        this::state);
    System.out.println("5 nodes converged in " + converged.toMillis() + " ms");

    Node victim = nodes.get(4);
    String victimUri = victim.identity().uri();
    long before = victim.view().member(victimUri).incarnation();
    victim.close();
    List<Node> survivors = new ArrayList<>(nodes.subList(0, 4));
    Duration detected = Await.until(DETECT, "the crashed node DEAD everywhere", () -> allSee(survivors, victimUri, Status.DEAD), this::state);
    System.out.println("crash detected by all in " + detected.toMillis() + " ms");

    nodes.remove(victim);
    Node restarted = start(creds.get(4), List.of(seed.address()));
    Await.until(CONVERGE, "the restarted node ALIVE again everywhere", () -> allSee(survivors, victimUri, Status.ALIVE)
        && survivors.stream().allMatch(n -> n.view().member(victimUri).incarnation() > before), this::state);
    assertTrue(restarted.incarnation() > before);
    Await.until(CONVERGE, "the restarted node's own entry to show its incarnation",
        () -> restarted.view().member(victimUri).incarnation() == incarnationOf(restarted), this::state);

    Node leaver = nodes.get(3);
    String leaverUri = leaver.identity().uri();
    leaver.leave(Duration.ofSeconds(1));
    nodes.remove(leaver);
    List<Node> remaining = List.copyOf(nodes);
    Await.until(CONVERGE, "the leaver LEFT everywhere", () -> allSee(remaining, leaverUri, Status.LEFT), this::state);
  }

  @Test
  void aNodeJoiningAfterALeaveLearnsTheDepartedMemberFromItsLeaveAlone() throws Exception {
    Node seed = start(pki.node("blue", "s"), List.of());
    Node other = start(pki.node("blue", "o"), List.of(seed.address()));
    Node leaver = start(pki.node("blue", "l"), List.of(seed.address()));
    String leaverUri = leaver.identity().uri();
    Await.until(CONVERGE, "three ALIVE everywhere", () -> nodes.stream().allMatch(
        n -> n.view().members().size() == 3 && n.view().members().stream().allMatch(m -> m.status() == Status.ALIVE)),
        this::state);
    leaver.leave(Duration.ofSeconds(1));
    nodes.remove(leaver);
    Await.until(CONVERGE, "the leaver LEFT at the others", () -> allSee(List.of(seed, other), leaverUri, Status.LEFT), this::state);

    // The seed's answer holds the leaver's LEAVE without its ALIVE: the LEAVE brings the certificate.
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    Node joiner = start(pki.node("blue", "j"), List.of(seed.address()), metrics);
    Await.until(CONVERGE, "the joiner to hold the leaver LEFT and the others ALIVE", () -> joiner.view().statusOf(leaverUri) == Status.LEFT
        && allSee(List.of(joiner), seed.identity().uri(), Status.ALIVE) && allSee(List.of(joiner), other.identity().uri(), Status.ALIVE),
        this::state);
    assertNull(joiner.view().member(leaverUri).address(), "learned from its LEAVE alone");
    double rejected = metrics.find("hearsay.claims.rejected").counters().stream().mapToDouble(c -> c.count()).sum();
    assertEquals(0, rejected, "no claim of the answer was refused");
  }
}
