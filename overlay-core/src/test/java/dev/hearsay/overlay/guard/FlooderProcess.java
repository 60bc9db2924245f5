package dev.hearsay.overlay.guard;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.overlay.node.Addresses;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A flooder in a JVM of its own, pinned to its own core when the machine allows: on a small machine a
 * flooder inside the honest nodes' JVM competes with them for CPU, which measures the machine, not
 * the guard. The parent hands it a certificate directory and reads one report line back.
 */
final class FlooderProcess {
  private static final String REPORT = "flood-report ";

  /** The control: the same child JVM on the same core keeps that core busy and sends nothing. */
  static final String BUSY = "busy";

  /**
   * The second control: the child joins as a member at an address where nothing answers, then keeps
   * its core busy and sends nothing more, as the accusation flooder's membership does without its flood.
   */
  static final String MEMBER = "member";

  private FlooderProcess() {}

  /** Spins for {@code length}; returns 0 frames (the result keeps the loop from being optimised away only in name). */
  private static long busy(Duration length) {
    long end = System.nanoTime() + length.toNanos();
    long x = 0;
    while (System.nanoTime() - end < 0) {
      x += Long.numberOfTrailingZeros(x * 0x9E3779B97F4A7C15L + 1);
    }
    return x < 0 ? 1 : 0;
  }

  /** {@code <cert-dir> <domain> <host:port> <target-uri> <seconds> <frames|signatures|accusations> <victim-uri>} */
  public static void main(String[] args) throws Exception {
    Credentials credentials = Credentials.load(Path.of(args[0]));
    if (args[5].equals(BUSY)) {
      System.out.println(REPORT + busy(Duration.ofSeconds(Long.parseLong(args[4]))) + " 0 0");
      System.exit(0);
    }
    if (args[5].equals(MEMBER)) {
      long start = System.nanoTime();
      Flooder.Report r;
      try (Flooder f = new Flooder(credentials, args[1], Clock.systemUTC())) {
        r = f.sendOnce(Addresses.parse(args[2]), dev.hearsay.crypto.NodeIdentity.parse(args[3]), Floods.memberAlive(credentials));
      }
      busy(Duration.ofSeconds(Long.parseLong(args[4])).minusNanos(System.nanoTime() - start));
      System.out.println(REPORT + r.frames() + " " + r.connections() + " " + r.refused());
      System.exit(0);
    }
    try (Flooder f = new Flooder(credentials, args[1], Clock.systemUTC())) {
      Flooder.Report r = f.flood(Addresses.parse(args[2]), dev.hearsay.crypto.NodeIdentity.parse(args[3]),
          Duration.ofSeconds(Long.parseLong(args[4])), Floods.named(args[5], credentials, args[3], args[6]));
      System.out.println(REPORT + r.frames() + " " + r.connections() + " " + r.refused());
    }
    System.exit(0);
  }

  /**
   * Runs a flood in a child JVM (on {@code core} through taskset when {@code core >= 0}) and waits for
   * its report, at most the flood's length plus a minute.
   */
  static Flooder.Report run(Credentials flooder, String domain, String targetAddress, String targetUri, String victimUri,
      String kind, Duration length, int core) throws Exception {
    Path dir = Files.createTempDirectory("hearsay-flooder");
    try {
      flooder.save(dir, false);
      List<String> command = new ArrayList<>();
      if (core >= 0) {
        command.addAll(List.of("taskset", "-c", Integer.toString(core)));
      }
      command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), FlooderProcess.class.getName(),
          dir.toString(), domain, targetAddress, targetUri, Long.toString(length.toSeconds()), kind, victimUri));
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      List<String> output = new ArrayList<>();
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = in.readLine()) != null; ) {
            synchronized (output) {
              output.add(line);
            }
          }
        } catch (IOException e) {
          // the child is gone; what it printed so far is what there is
        }
      }, "flooder-output");
      reader.setDaemon(true);
      reader.start();
      if (!p.waitFor(length.toSeconds() + 60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("the flooder process did not finish within " + length.plusSeconds(60));
      }
      reader.join(TimeUnit.SECONDS.toMillis(5));
      synchronized (output) {
        for (String line : output) {
          if (line.startsWith(REPORT)) {
            String[] f = line.substring(REPORT.length()).split(" ");
            return new Flooder.Report(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]));
          }
        }
        throw new AssertionError("the flooder process (exit " + p.exitValue() + ") printed no report:\n" + String.join("\n", output));
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    }
  }
}
