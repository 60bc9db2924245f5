package dev.hearsay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.Fingerprint;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.Pem;
import dev.hearsay.crypto.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class CertificateCommandsTest {
  @TempDir Path dir;
  Path ca;

  @BeforeEach
  void createCa() {
    ca = dir.resolve("ca");
    Cli.Result r = Cli.run("ca", "init", "--domain", "mesh.example.org", "--out", ca.toString());
    assertEquals(0, r.exitCode(), r::toString);
  }

  @Test
  void caInitWritesCertificateAndOwnerOnlyKey() throws Exception {
    assertTrue(Files.isRegularFile(ca.resolve("ca.pem")));
    assertEquals("rw-------", mode(ca.resolve("ca.key")));
  }

  @Test
  void caInitRefusesToOverwriteWithoutForce() throws Exception {
    byte[] before = Files.readAllBytes(ca.resolve("ca.pem"));
    Cli.Result again = Cli.run("ca", "init", "--domain", "mesh.example.org", "--out", ca.toString());
    assertEquals(1, again.exitCode(), again::toString);
    assertTrue(again.err().contains("--force"), again::toString);
    assertEquals(List.of(before.length), List.of(Files.readAllBytes(ca.resolve("ca.pem")).length));
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(ca.resolve("ca.pem"))), "CA was replaced");

    Cli.Result forced = Cli.run("ca", "init", "--domain", "mesh.example.org", "--out", ca.toString(), "--force");
    assertEquals(0, forced.exitCode(), forced::toString);
    assertTrue(!java.util.Arrays.equals(before, Files.readAllBytes(ca.resolve("ca.pem"))));
  }

  @ParameterizedTest
  @CsvSource({
    "--tenant blue --node n1, spiffe://mesh.example.org/tenant/blue/node/n1, NODE",
    "--registry r1, spiffe://mesh.example.org/registry/r1, REGISTRY",
    "--operator alice, spiffe://mesh.example.org/operator/alice, OPERATOR",
  })
  void issuesEachKindOfPrincipal(String principal, String uri, Role role) throws Exception {
    Path out = dir.resolve("out");
    List<String> args = new ArrayList<>(List.of("cert", "issue", "--ca", ca.toString(), "--out", out.toString()));
    args.addAll(List.of(principal.split(" ")));
    Cli.Result r = Cli.run(args.toArray(String[]::new));

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().contains(uri), r::toString);
    assertEquals("rw-------", mode(out.resolve("key.pem")));
    Credentials loaded = Credentials.load(out);
    assertEquals(NodeIdentity.parse(uri), loaded.identity());
    assertEquals(role, loaded.identity().role());
    assertEquals(Pem.readCertificate(ca.resolve("ca.pem")), loaded.trustBundle().certificates().get(0));
  }

  @Test
  void ttlDnsAndIpAreApplied() throws Exception {
    Path out = dir.resolve("n1");
    Cli.Result r = Cli.run("cert", "issue", "--ca", ca.toString(), "--tenant", "blue", "--node", "n1", "--out", out.toString(),
        "--ttl", "24h", "--dns", "n1.mesh.example.org", "--ip", "127.0.0.1", "--ip", "::1");
    assertEquals(0, r.exitCode(), r::toString);
    X509Certificate c = Pem.readCertificate(out.resolve("cert.pem"));
    assertEquals(Duration.ofHours(24).plusMinutes(5),
        Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant()).withNanos(0));
    Cli.Result inspect = Cli.run("cert", "inspect", out.resolve("cert.pem").toString());
    assertTrue(inspect.out().contains("n1.mesh.example.org"), inspect::toString);
    assertTrue(inspect.out().contains("127.0.0.1"), inspect::toString);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--tenant|Blue|--node|n1|tenant 'Blue' may only use",
        "--tenant|blue|--node|n1/x|node name 'n1/x' may only use",
        "--tenant|blue|--node|-n1|node name '-n1' may only use",
        "--registry|r1|--ttl|5x|is not a duration",
        "--registry|r1|--ip|localhost|is not an IP address literal",
        "--registry|r1|--operator|o1|mutually exclusive",
        "--tenant|blue|--registry|r1|Missing required argument",
      })
  void badInputExitsTwoWithOneLineReason(String f1, String v1, String f2, String v2, String reason) {
    Path out = dir.resolve("bad");
    Cli.Result r = Cli.run("cert", "issue", "--ca", ca.toString(), "--out", out.toString(), f1, v1, f2, v2);
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains(reason), r::toString);
    assertEquals(1, r.err().strip().lines().count(), r::toString);
    assertTrue(!Files.exists(out.resolve("key.pem")), "nothing is written on bad input");
  }

  @Test
  void badTrustDomainExitsTwo() {
    Cli.Result r = Cli.run("ca", "init", "--domain", "Not_A_Domain", "--out", dir.resolve("ca2").toString());
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("not a lower-case DNS-style name"), r::toString);
  }

  @Test
  void missingCaDirectoryExitsOneNamingTheFile() {
    Cli.Result r = Cli.run("cert", "issue", "--ca", dir.resolve("nope").toString(), "--registry", "r1", "--out", dir.resolve("r").toString());
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.err().contains("no such file") && r.err().contains("ca.pem"), r::toString);
  }

  @Test
  void inspectPrintsEveryFieldAsTextAndJson() throws Exception {
    Path out = dir.resolve("n1");
    Cli.run("cert", "issue", "--ca", ca.toString(), "--tenant", "blue", "--node", "n1", "--out", out.toString());
    X509Certificate c = Pem.readCertificate(out.resolve("cert.pem"));
    String serial = c.getSerialNumber().toString(16);
    String fingerprint = Fingerprint.of(c).colonHex();

    Cli.Result text = Cli.run("cert", "inspect", out.resolve("cert.pem").toString());
    assertEquals(0, text.exitCode(), text::toString);
    for (String expected : List.of("spiffe://mesh.example.org/tenant/blue/node/n1", "node", "blue", "n1", serial, fingerprint,
        c.getNotBefore().toInstant().toString(), c.getNotAfter().toInstant().toString())) {
      assertTrue(text.out().contains(expected), () -> "missing " + expected + " in\n" + text.out());
    }

    Cli.Result json = Cli.run("cert", "inspect", out.resolve("cert.pem").toString(), "--json");
    JsonNode node = new ObjectMapper().readTree(json.out());
    assertEquals("spiffe://mesh.example.org/tenant/blue/node/n1", node.get("identity").asText());
    assertEquals("node", node.get("role").asText());
    assertEquals("blue", node.get("tenant").asText());
    assertEquals("n1", node.get("name").asText());
    assertEquals(serial, node.get("serial").asText());
    assertEquals(fingerprint, node.get("sha256_fingerprint").asText());
    assertEquals(c.getNotAfter().toInstant().toString(), node.get("not_after").asText());
  }

  @Test
  void renewKeepsIdentityWithNewKeyAndSerial() throws Exception {
    Path out = dir.resolve("n1");
    Cli.run("cert", "issue", "--ca", ca.toString(), "--tenant", "blue", "--node", "n1", "--out", out.toString(), "--dns", "n1.local");
    X509Certificate old = Pem.readCertificate(out.resolve("cert.pem"));
    String oldKey = Files.readString(out.resolve("key.pem"));

    Cli.Result r = Cli.run("cert", "renew", "--ca", ca.toString(), "--cert", out.resolve("cert.pem").toString(), "--out", out.toString());

    assertEquals(0, r.exitCode(), r::toString);
    X509Certificate renewed = Pem.readCertificate(out.resolve("cert.pem"));
    assertEquals(NodeIdentity.fromCertificate(old), NodeIdentity.fromCertificate(renewed));
    assertNotEquals(old.getSerialNumber(), renewed.getSerialNumber());
    assertNotEquals(oldKey, Files.readString(out.resolve("key.pem")));
    assertEquals(List.of("n1.local"), dev.hearsay.crypto.SubjectNames.dnsNames(renewed));
    assertEquals("rw-------", mode(out.resolve("key.pem")));
    Credentials.load(out); // key and certificate still match
  }

  @Test
  void everyCommandsHelpShowsExamplesAndExitCodes() {
    List<CommandLine> all = new ArrayList<>();
    collect(Hearsay.commandLine(), all);
    for (CommandLine cmd : all) {
      String name = cmd.getCommandSpec().qualifiedName();
      if (name.endsWith(" help")) {
        continue;
      }
      Cli.Result r = Cli.run((name.substring("hearsay".length()).strip() + " --help").strip().split(" "));
      assertEquals(0, r.exitCode(), () -> name + ": " + r);
      assertTrue(r.out().contains("Exit codes:"), () -> name + " help lacks exit codes:\n" + r.out());
      if (cmd.getSubcommands().isEmpty()) {
        assertTrue(r.out().contains("Examples:"), () -> name + " help lacks examples:\n" + r.out());
      }
    }
    assertTrue(all.size() >= 6, "commands found: " + all.size());
  }

  private static void collect(CommandLine cmd, List<CommandLine> into) {
    into.add(cmd);
    cmd.getSubcommands().values().forEach(sub -> collect(sub, into));
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
