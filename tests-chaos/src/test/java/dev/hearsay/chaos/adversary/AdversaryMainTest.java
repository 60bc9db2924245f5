package dev.hearsay.chaos.adversary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The adversary program's command line: every attack listed, bad arguments refused with exit code 2. */
class AdversaryMainTest {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = AdversaryMain.commandLine();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int code = cmd.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void helpListsEveryAttack() {
    Run r = run("--help");
    assertEquals(0, r.code());
    for (String attack : new String[] {"forge-alive", "forge-meta", "accuse", "replay", "impersonate", "bad-frames",
        "frame-flood", "connection-flood", "keep-connecting", "registry-forgery"}) {
      assertTrue(r.out().contains(attack), attack + " missing from:\n" + r.out());
    }
  }

  @Test
  void eachAttackHasItsOwnHelp() {
    Run r = run("accuse", "--help");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("--subject") && r.out().contains("SUSPECTs"), r.out());
  }

  @Test
  void noAttackIsAUsageError() {
    Run r = run();
    assertEquals(2, r.code());
    assertTrue(r.err().contains("missing attack"), r.err());
  }

  @Test
  void missingTargetIsAUsageError() {
    Run r = run("impersonate", "--cert-dir", dir.toString(), "--as", "spiffe://d/tenant/t/node/n");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--target"), r.err());
  }

  @Test
  void badDurationIsAUsageErrorNamingTheValue() {
    Run r = run("connection-flood", "--cert-dir", dir.toString(), "--target", "127.0.0.1:1",
        "--target-id", "spiffe://d/tenant/t/node/n", "--duration", "soon");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("soon"), r.err());
  }

  @Test
  void outOfRangeInFlightIsRefusedBeforeAnyConnection() {
    Run r = run("connection-flood", "--cert-dir", dir.toString(), "--target", "127.0.0.1:1",
        "--target-id", "spiffe://d/tenant/t/node/n", "--in-flight", "0");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--in-flight"), r.err());
  }

  @Test
  void missingCertificatesFailTheRunWithTheirPlace() {
    Run r = run("impersonate", "--cert-dir", dir.resolve("absent").toString(), "--target", "127.0.0.1:1",
        "--target-id", "spiffe://d/tenant/t/node/n", "--as", "spiffe://d/tenant/t/node/m");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("absent"), r.err());
  }

  @Test
  void durationsReadAsTyped() {
    assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
    assertEquals(Duration.ofSeconds(6), Durations.parse("6s"));
    assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
  }
}
