package dev.hearsay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearsay.overlay.core.MembershipConfig;
import dev.hearsay.overlay.node.Profiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The way a user runs hearsay: three {@code ./hearsay node run} processes on loopback see each other
 * ALIVE in {@code ./hearsay members --json}; after {@code kill -9} of one, the others show it DEAD
 * within the LAN profile's detection bound.
 */
class NodeProcessesIT {
  private static final Duration CONVERGE = Duration.ofSeconds(10);
  private static final Duration STARTUP = Duration.ofSeconds(60);

  @TempDir Path dir;
  private Launcher launcher;

  @BeforeEach
  void launcher() {
    launcher = new Launcher(dir);
  }

  @AfterEach
  void stop() throws InterruptedException {
    launcher.close();
  }

  @Test
  void threeProcessesConvergeAndDetectAKill9() throws Exception {
    assertEquals(0, Cli.run("ca", "init", "--domain", "mesh.example.org", "--out", dir.resolve("ca").toString()).exitCode());
    int[] ports = Launcher.freePorts(6);
    int[] gossip = {ports[0], ports[1], ports[2]};
    int[] admin = {ports[3], ports[4], ports[5]};
    List<Process> nodes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      assertEquals(0, Cli.run("cert", "issue", "--ca", dir.resolve("ca").toString(), "--tenant", "blue", "--node", "n" + i,
          "--out", dir.resolve("n" + i).toString()).exitCode());
    }
    for (int i = 0; i < 3; i++) {
      List<String> args = new ArrayList<>(List.of("node", "run", "--cert-dir", dir.resolve("n" + i).toString(),
          "--bind", "127.0.0.1:" + gossip[i], "--admin", "127.0.0.1:" + admin[i]));
      if (i > 0) {
        args.addAll(List.of("--seeds", "127.0.0.1:" + gossip[0]));
      }
      nodes.add(launcher.start(args, dir.resolve("n" + i + ".log")));
    }

    // JVM start-up is not what is measured: wait until each process says it listens.
    for (int i = 0; i < 3; i++) {
      Launcher.awaitOutput(nodes.get(i), dir.resolve("n" + i + ".log"), "listening on", STARTUP);
    }
    long start = System.nanoTime();
    long deadline = start + CONVERGE.toNanos();
    for (int i = 0; i < 3; i++) {
      awaitOverHttp(admin[i], deadline, members -> members.size() == 3 && allHave(members, "ALIVE"), "three ALIVE members on node " + i);
    }
    System.out.printf("3 processes: all ALIVE everywhere %.1f s after all listened%n", (System.nanoTime() - start) / 1e9);
    for (int i = 0; i < 3; i++) {
      JsonNode members = membersCommand(admin[i]);
      assertEquals(3, members.size(), members::toString);
      assertTrue(allHave(members, "ALIVE"), members::toString);
    }

    MembershipConfig lan = Profiles.named("lan");
    Duration bound = Duration.ofNanos(Profiles.detectionBound(lan, 3));
    Process victim = nodes.get(2);
    victim.destroyForcibly(); // SIGKILL: no LEAVE is sent
    assertTrue(victim.waitFor(10, TimeUnit.SECONDS));
    long killed = System.nanoTime();
    long detectDeadline = killed + bound.plusSeconds(2).toNanos();
    for (int i = 0; i < 2; i++) {
      awaitOverHttp(admin[i], detectDeadline, members -> statusOf(members, "n2").equals("DEAD"), "n2 DEAD on node " + i);
    }
    Duration detected = Duration.ofNanos(System.nanoTime() - killed);
    for (int i = 0; i < 2; i++) {
      assertEquals("DEAD", statusOf(membersCommand(admin[i]), "n2"));
    }
    System.out.printf("kill -9: DEAD on both survivors after %.1f s (LAN bound for 3 members: %.1f s)%n",
        detected.toMillis() / 1e3, bound.toMillis() / 1e3);
    assertTrue(detected.compareTo(bound) <= 0, "detected after " + detected + ", bound " + bound);
  }

  @Test
  void demoRunsThroughTheLauncherAndExitsZero() throws Exception {
    Path log = dir.resolve("demo.log");
    long start = System.nanoTime();
    Process demo = launcher.start(List.of("demo", "--dir", dir.resolve("demo").toString()), log);
    assertTrue(demo.waitFor(120, TimeUnit.SECONDS), "demo did not finish:\n" + Files.readString(log));
    double seconds = (System.nanoTime() - start) / 1e9;
    String output = Files.readString(log);
    assertEquals(0, demo.exitValue(), output);
    assertTrue(output.contains("[5/5]") && output.contains("appears in no view: yes"), output);
    System.out.printf("./hearsay demo: exit 0 in %.1f s%n", seconds);
    assertTrue(seconds < 60, "demo took " + seconds + " s");
  }

  private interface Check {
    boolean test(JsonNode members);
  }

  /** Polls /members directly (cheap), so the time measured is the overlay's, not JVM start-ups'. */
  private void awaitOverHttp(int adminPort, long deadlineNanos, Check check, String what) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/members"))
        .timeout(Duration.ofSeconds(2)).build();
    String last = "";
    while (System.nanoTime() < deadlineNanos) {
      try {
        last = http.send(get, HttpResponse.BodyHandlers.ofString()).body();
        if (check.test(new ObjectMapper().readTree(last))) {
          return;
        }
      } catch (IOException e) {
        last = e.toString();
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new AssertionError("timed out waiting for " + what + "; last answer: " + last + "\n" + logs());
  }

  /** What {@code ./hearsay members --admin ... --json} prints, as a user would run it. */
  private JsonNode membersCommand(int adminPort) throws Exception {
    Path out = dir.resolve("members.json");
    Path err = dir.resolve("members.err");
    Process members = launcher.start(List.of("members", "--admin", "127.0.0.1:" + adminPort, "--json"), out, err);
    assertTrue(members.waitFor(60, TimeUnit.SECONDS), "members did not finish");
    assertEquals(0, members.exitValue(), () -> "members failed: " + read(err));
    return new ObjectMapper().readTree(Files.readString(out));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return e.toString();
    }
  }

  private String logs() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      Path log = dir.resolve("n" + i + ".log");
      if (Files.exists(log)) {
        sb.append("--- n").append(i).append('\n').append(Files.readString(log));
      }
    }
    return sb.toString();
  }

  private static boolean allHave(JsonNode members, String status) {
    for (JsonNode m : members) {
      if (!m.path("status").asText().equals(status)) {
        return false;
      }
    }
    return true;
  }

  private static String statusOf(JsonNode members, String name) {
    for (JsonNode m : members) {
      if (m.path("name").asText().equals(name)) {
        return m.path("status").asText();
      }
    }
    return "";
  }

}
