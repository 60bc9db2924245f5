package dev.hearsay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code node run}'s registry settings are checked before anything starts; a mistake is exit 2 with one line. */
class NodeRegistryFlagsTest {
  @TempDir Path dir;
  private String n1;

  @BeforeEach
  void certificates() {
    assertEquals(0, Cli.run("ca", "init", "--domain", "example.org", "--out", dir.resolve("ca").toString()).exitCode());
    n1 = dir.resolve("n1").toString();
    assertEquals(0, Cli.run("cert", "issue", "--ca", dir.resolve("ca").toString(), "--tenant", "blue", "--node", "n1", "--out", n1).exitCode());
  }

  private static void assertInvalid(String inError, String... args) {
    Cli.Result r = Cli.run(args);
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains(inError), () -> "stderr should mention '" + inError + "': " + r);
    assertEquals(1, r.err().strip().lines().count(), r::toString);
  }

  @Test
  void badRegistrySettingsAreInvalidInput() throws Exception {
    assertInvalid("https://host:port", "node", "run", "--cert-dir", n1, "--registry", "http://127.0.0.1:9443");
    assertInvalid("open or closed", "node", "run", "--cert-dir", n1, "--registry", "https://127.0.0.1:9443", "--registry-policy", "maybe");
    assertInvalid("not a duration", "node", "run", "--cert-dir", n1, "--registry", "https://127.0.0.1:9443", "--registry-max-staleness", "soon");
    assertInvalid("need --registry", "node", "run", "--cert-dir", n1, "--registry-policy", "closed");

    Path yaml = dir.resolve("node.yaml");
    Files.writeString(yaml, "cert-dir: " + n1 + "\nregistry: https://127.0.0.1:9443/v1\nregistry-policy: closed\n");
    assertInvalid("https://host:port", "node", "run", "--config", yaml.toString());
    Files.writeString(yaml, "cert-dir: " + n1 + "\nregistry-url: https://127.0.0.1:9443\n");
    assertInvalid("registry-url", "node", "run", "--config", yaml.toString());
  }
}
