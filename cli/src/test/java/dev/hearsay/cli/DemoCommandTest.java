package dev.hearsay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main command runs end to end and tells the whole story. */
class DemoCommandTest {
  @TempDir Path dir;

  @Test
  void demoRunsEndToEnd() throws Exception {
    long start = System.nanoTime();
    Cli.Result r = Cli.run("demo", "--nodes", "6", "--dir", dir.toString());
    double seconds = (System.nanoTime() - start) / 1e9;

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().contains("[1/5] CA for demo.hearsay.local"), r::toString);
    assertTrue(r.out().contains("and 6 nodes over mutual TLS following it; every view complete"), r::toString);
    assertTrue(r.out().contains("node-0, the listed seed, sees all"), r::toString);
    assertTrue(r.out().contains("[3/5] node-5 crashed; DEAD in every view that holds it (3 nodes)"), r::toString);
    assertTrue(r.out().contains("[4/5] the operator revoked node-1 at the registry"), r::toString);
    assertTrue(r.out().contains("all 2 other live nodes that see it show it REVOKED"), r::toString);
    assertTrue(r.out().contains("appears in no view: yes"), r::toString);
    assertTrue(Files.isRegularFile(dir.resolve("ca/ca.pem")) && Files.isRegularFile(dir.resolve("node-0/key.pem")));
    assertTrue(seconds < 60, "demo took " + seconds + " s");
  }

  @Test
  void nodeCountIsBounded() {
    Cli.Result r = Cli.run("demo", "--nodes", "2");
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("--nodes must be between 3 and 32"), r::toString);
  }
}
