package dev.hearsay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.overlay.core.MembershipConfig;
import dev.hearsay.overlay.node.Profiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's YAML file: every setting read, tuning applied over the profile, mistakes named by place. */
class NodeConfigFileTest {
  @TempDir Path dir;

  @Test
  void readsEverySettingAndAppliesTuningOverTheProfile() throws Exception {
    Path file = dir.resolve("node.yaml");
    Files.writeString(file, String.join("\n",
        "cert-dir: ./pki/n1",
        "bind: 127.0.0.1:7001",
        "advertise: 10.0.0.5:7001",
        "admin: 127.0.0.1:8001",
        "seeds: [127.0.0.1:7002, 127.0.0.1:7003]",
        "data-dir: ./data/n1",
        "meta: {zone: eu-1}",
        "meta-shared: {region: eu}",
        "profile: wan",
        "tuning:",
        "  probe-interval: 2s",
        "  gossip-interval: 300ms",
        "  fanout: 5",
        "  quorum: 3",
        ""));
    NodeFileConfig c = NodeFileConfig.load(file);
    assertEquals("./pki/n1", c.certDir());
    assertEquals("10.0.0.5:7001", c.advertise());
    assertEquals(List.of("127.0.0.1:7002", "127.0.0.1:7003"), c.seeds());
    assertEquals(Map.of("zone", "eu-1"), c.meta());
    assertEquals(Map.of("region", "eu"), c.metaShared());

    MembershipConfig wan = Profiles.named("wan");
    MembershipConfig tuned = NodeCommand.Tuning.apply(wan, c.tuning());
    assertEquals(2_000_000_000L, tuned.probeInterval());
    assertEquals(300_000_000L, tuned.gossipInterval());
    assertEquals(5, tuned.fanout());
    assertEquals(3, tuned.quorum());
    assertEquals(wan.pushPullInterval(), tuned.pushPullInterval());
    assertTrue(tuned.probeTimeout() < tuned.probeInterval());
  }

  @Test
  void unknownKeyStopsTheNodeWithExitTwoNamingFileAndLine() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "bind: 127.0.0.1:7001\nprobe-intervall: 1s\n");
    Cli.Result r = Cli.run("node", "run", "--config", file.toString());
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("bad.yaml:2:"), r::toString);
    assertTrue(r.err().contains("probe-intervall"), r::toString);
    assertEquals(1, r.err().strip().lines().count(), r::toString);
  }

  @Test
  void unknownProfileAndBadTuningAreInvalidInput() throws Exception {
    Path certs = dir.resolve("n1");
    assertEquals(0, Cli.run("ca", "init", "--domain", "example.org", "--out", dir.resolve("ca").toString()).exitCode());
    assertEquals(0, Cli.run("cert", "issue", "--ca", dir.resolve("ca").toString(), "--tenant", "t", "--node", "n1", "--out", certs.toString()).exitCode());

    Cli.Result profile = Cli.run("node", "run", "--cert-dir", certs.toString(), "--profile", "moon");
    assertEquals(2, profile.exitCode(), profile::toString);
    assertTrue(profile.err().contains("unknown profile 'moon'"), profile::toString);

    Path badDuration = dir.resolve("duration.yaml");
    Files.writeString(badDuration, "tuning:\n  probe-interval: 5x\n");
    Cli.Result duration = Cli.run("node", "run", "--cert-dir", certs.toString(), "--config", badDuration.toString());
    assertEquals(2, duration.exitCode(), duration::toString);
    assertTrue(duration.err().contains("'5x' is not a duration"), duration::toString);

    Path file = dir.resolve("tuning.yaml");
    Files.writeString(file, "tuning:\n  probe-interval: 100ms\n  probe-timeout: 200ms\n");
    Cli.Result tuning = Cli.run("node", "run", "--cert-dir", certs.toString(), "--config", file.toString());
    assertEquals(2, tuning.exitCode(), tuning::toString);
    assertTrue(tuning.err().contains("probeTimeout < probeInterval"), tuning::toString);

    Cli.Result everyInterface = Cli.run("node", "run", "--cert-dir", certs.toString(), "--bind", "0.0.0.0:0");
    assertEquals(2, everyInterface.exitCode(), everyInterface::toString);
    assertTrue(everyInterface.err().contains("--advertise"), everyInterface::toString);
    Cli.Result badAdvertise = Cli.run("node", "run", "--cert-dir", certs.toString(), "--advertise", "nowhere");
    assertEquals(2, badAdvertise.exitCode(), badAdvertise::toString);

    Cli.Result badKey = Cli.run("node", "run", "--cert-dir", certs.toString(), "--meta", "no spaces=1");
    assertEquals(2, badKey.exitCode(), badKey::toString);
    assertTrue(badKey.err().contains("metadata key 'no spaces'"), badKey::toString);
    Cli.Result longValue = Cli.run("node", "run", "--cert-dir", certs.toString(), "--meta-shared", "k=" + "x".repeat(300));
    assertEquals(2, longValue.exitCode(), longValue::toString);
    assertTrue(longValue.err().contains("over 256 bytes"), longValue::toString);
  }

  @Test
  void badAddressesAndMissingCertificatesAreInvalidInput() {
    Cli.Result noCerts = Cli.run("node", "run");
    assertEquals(2, noCerts.exitCode(), noCerts::toString);
    assertTrue(noCerts.err().contains("--cert-dir is required"), noCerts::toString);

    Cli.Result badBind = Cli.run("node", "run", "--cert-dir", dir.toString(), "--bind", "localhost");
    assertEquals(2, badBind.exitCode(), badBind::toString);
    assertTrue(badBind.err().contains("address must be host:port"), badBind::toString);
  }

  @Test
  void aBadPolicyFileStopsTheNodeWithExitTwoNamingFileAndPlace() throws Exception {
    Path certs = dir.resolve("n1");
    assertEquals(0, Cli.run("ca", "init", "--domain", "example.org", "--out", dir.resolve("ca").toString()).exitCode());
    assertEquals(0, Cli.run("cert", "issue", "--ca", dir.resolve("ca").toString(), "--tenant", "t", "--node", "n1", "--out", certs.toString()).exitCode());
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(policy, "version: 1\naccusers:\n  mode: everyone\n");

    Cli.Result r = Cli.run("node", "run", "--cert-dir", certs.toString(), "--policy", policy.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("policy.yaml:3:"), r::toString);
    assertTrue(r.err().contains("everyone"), r::toString);
    assertEquals(1, r.err().strip().lines().count(), r::toString);
  }
}
