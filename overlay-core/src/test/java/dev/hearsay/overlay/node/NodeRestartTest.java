package dev.hearsay.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.overlay.core.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node's incarnation survives restarts, so a restarted node out-claims its own death at once. */
class NodeRestartTest {
  private final TestPki pki = new TestPki();
  private final List<Node> nodes = new ArrayList<>();
  @TempDir Path data;

  @AfterEach
  void stop() {
    nodes.forEach(Node::close);
  }

  private Node start(Credentials c, List<String> seeds, Path dataDir) throws Exception {
    Node n = Node.start(NodeConfig.loopback(c, seeds).withDataDir(dataDir), new SimpleMeterRegistry(), RevocationCheck.NONE);
    nodes.add(n);
    return n;
  }

  @Test
  void eachStartBeginsAboveTheLastLife() throws Exception {
    Credentials b = pki.node("blue", "b");
    Node first = start(b, List.of(), data);
    assertEquals(0, first.incarnation());
    first.close();
    Node second = start(b, List.of(), data);
    assertEquals(1, second.incarnation());
    assertEquals("1", Files.readString(data.resolve(IncarnationStore.FILE)).strip());
  }

  @Test
  void aRestartedNodeIsAliveAgainAtAHigherIncarnationWithoutWaitingOutItsDeath() throws Exception {
    Node t = start(pki.node("blue", "t"), List.of(), null);
    Node u = start(pki.node("blue", "u"), List.of(t.address()), null);
    Credentials bCreds = pki.node("blue", "b");
    Node b = start(bCreds, List.of(t.address()), data);
    String bUri = bCreds.identity().uri();
    Await.until(Duration.ofSeconds(20), "b ALIVE at t and u",
        () -> t.view().statusOf(bUri) == Status.ALIVE && u.view().statusOf(bUri) == Status.ALIVE, () -> t.view().members().toString());
    b.close();
    Await.until(Duration.ofSeconds(40), "b DEAD at t", () -> t.view().statusOf(bUri) == Status.DEAD, () -> t.view().members().toString());
    long deadAt = t.view().member(bUri).incarnation();

    Node again = start(bCreds, List.of(t.address()), data);
    assertTrue(again.incarnation() > deadAt, "restarted at " + again.incarnation() + ", died at " + deadAt);
    Await.until(Duration.ofSeconds(20), "b ALIVE again at t", () -> t.view().statusOf(bUri) == Status.ALIVE
        && t.view().member(bUri).incarnation() > deadAt, () -> t.view().members().toString());
  }

  @Test
  void aDamagedIncarnationFileStopsTheStartNamingTheFile() throws Exception {
    Files.writeString(data.resolve(IncarnationStore.FILE), "not a number\n");
    IOException e = assertThrows(IOException.class, () -> start(pki.node("blue", "b"), List.of(), data));
    assertTrue(e.getMessage().contains(IncarnationStore.FILE), e.getMessage());
  }
}
