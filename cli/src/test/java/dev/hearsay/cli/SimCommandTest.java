package dev.hearsay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimCommandTest {

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cl = Hearsay.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void printsOneJsonObjectWithTheIssueKeys() {
    Run r = run("sim", "--nodes", "60", "--scenario", "join", "--seed", "3", "--fanout", "2", "--json");
    assertEquals(0, r.code(), r.err());
    String json = r.out().trim();
    assertTrue(json.startsWith("{\"nodes\":60,\"scenario\":\"join\",\"seed\":3"), json);
    assertTrue(json.contains("\"rounds_to_100\":") && json.contains("\"wall_s\":"), json);
  }

  @Test
  void printsTextByDefault() {
    Run r = run("sim", "--nodes", "40", "--scenario", "crash", "--probe-interval", "500ms");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("detect_all_median_s"), r.out());
  }

  @Test
  void invalidInputExitsWithTwo() {
    assertEquals(2, run("sim", "--nodes", "40", "--scenario", "nope").code());
    assertEquals(2, run("sim", "--nodes", "40", "--scenario", "join", "--gossip-interval", "fast").code());
    assertEquals(2, run("sim", "--nodes", "2", "--scenario", "join").code());
    assertEquals(2, run("sim", "--scenario", "join").code());
  }

  @Test
  void helpShowsExamples() {
    Run r = run("sim", "--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("hearsay sim --nodes 10000 --scenario join"), r.out());
  }

  @Test
  void parsesDurations() {
    assertEquals(200_000_000L, SimCommand.nanos("200ms", "x"));
    assertEquals(1_500_000_000L, SimCommand.nanos("1.5s", "x"));
    assertEquals(120_000_000_000L, SimCommand.nanos("2m", "x"));
  }
}
