package dev.hearsay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --[no-]register-seed} and {@code register-seed:}: read, defaulted, checked. */
class NodeSeedRegistrationTest {
  @TempDir Path dir;

  private static NodeCommand.Run parsed(String... args) {
    NodeCommand.Run run = new NodeCommand.Run();
    new CommandLine(run).parseArgs(args);
    return run;
  }

  @Test
  void theFlagIsNegatableAndUnsetWhenAbsent() {
    assertNull(parsed().registerSeed);
    assertEquals(Boolean.TRUE, parsed("--register-seed").registerSeed);
    assertEquals(Boolean.FALSE, parsed("--no-register-seed").registerSeed);
  }

  @Test
  void aNodeWithARegistryRegistersUnlessTheFlagOrTheFileSaysNot() {
    assertTrue(NodeCommand.Run.registersAsSeed(null, null));
    assertFalse(NodeCommand.Run.registersAsSeed(null, false));
    assertTrue(NodeCommand.Run.registersAsSeed(null, true));
    assertFalse(NodeCommand.Run.registersAsSeed(false, true), "the flag overrides the file");
    assertTrue(NodeCommand.Run.registersAsSeed(true, false), "the flag overrides the file");
  }

  @Test
  void theFileKeyIsReadAndABadValueIsNamedByPlace() throws Exception {
    Path yaml = dir.resolve("node.yaml");
    Files.writeString(yaml, "registry: https://127.0.0.1:9443\nregister-seed: false\n");
    assertEquals(Boolean.FALSE, NodeFileConfig.load(yaml).registerSeed());
    Files.writeString(yaml, "registry: https://127.0.0.1:9443\n");
    assertNull(NodeFileConfig.load(yaml).registerSeed());

    Files.writeString(yaml, "cert-dir: ./pki/n1\nregister-seed: sometimes\n");
    Cli.Result bad = Cli.run("node", "run", "--config", yaml.toString());
    assertEquals(2, bad.exitCode(), bad::toString);
    assertTrue(bad.err().contains("node.yaml:2:") && bad.err().contains("register-seed"), bad::toString);
  }

  @Test
  void theFlagWithoutARegistryIsInvalidInput() {
    assertEquals(0, Cli.run("ca", "init", "--domain", "example.org", "--out", dir.resolve("ca").toString()).exitCode());
    String n1 = dir.resolve("n1").toString();
    assertEquals(0, Cli.run("cert", "issue", "--ca", dir.resolve("ca").toString(), "--tenant", "blue", "--node", "n1", "--out", n1).exitCode());
    Cli.Result r = Cli.run("node", "run", "--cert-dir", n1, "--no-register-seed");
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("need --registry"), r::toString);
    assertEquals(1, r.err().strip().lines().count(), r::toString);
  }
}
