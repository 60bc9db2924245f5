package dev.hearsay.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code ./hearsay} as a user does, in a test's own folder, and kills every process it started
 * when closed. Output goes to files, never to pipes nobody drains.
 */
final class Launcher implements AutoCloseable {
  static final Path SCRIPT = Path.of("..", "hearsay").toAbsolutePath().normalize();

  private final Path dir;
  private final List<Process> processes = new ArrayList<>();

  Launcher(Path dir) {
    this.dir = dir;
  }

  /** Starts {@code ./hearsay args...}; stdout and stderr together into {@code log}. */
  Process start(List<String> args, Path log) throws IOException {
    return start(args, log, null);
  }

  /** Starts {@code ./hearsay args...}; stderr into {@code errors} when given, else with stdout. */
  Process start(List<String> args, Path log, Path errors) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(SCRIPT.toString());
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().put("HEARSAY_LOG_LEVEL", "INFO");
    if (errors != null) {
      pb.redirectOutput(log.toFile()).redirectError(errors.toFile());
    } else {
      pb.redirectErrorStream(true).redirectOutput(log.toFile());
    }
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  /** Waits until {@code log} contains {@code text}; fails early if {@code process} died. */
  static void awaitOutput(Process process, Path log, String text, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!(Files.exists(log) && Files.readString(log).contains(text))) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("no '" + text + "' in " + log + " (process "
            + (process.isAlive() ? "still running after " + timeout : "exited") + "):\n"
            + (Files.exists(log) ? Files.readString(log) : ""));
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  /** Distinct free loopback ports (held together while chosen, so they differ). */
  static int[] freePorts(int n) throws IOException {
    int[] ports = new int[n];
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(s);
        ports[i] = s.getLocalPort();
      }
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
    return ports;
  }

  @Override
  public void close() throws InterruptedException {
    for (Process p : processes) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
