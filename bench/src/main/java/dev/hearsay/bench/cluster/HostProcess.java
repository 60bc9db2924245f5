package dev.hearsay.bench.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator's handle on one {@link NodeHost} process: a JVM on this machine's classpath, spoken
 * to one line at a time (a command on its stdin, the answer on its stdout, its stderr passed through).
 * Commands: {@code cluster <prefix> <profile> <seeds> <idle-s> <max-frame> <stagger-ms>} (a new, empty slice),
 * {@code prepare <from> <count>}, {@code start <timeout-s> <count> [seeds]}, {@code alive},
 * {@code marked <uri>}, {@code crash <local index>}, {@code name <local index>}, {@code usage},
 * {@code bytes <from-ms> <to-ms>}, {@code heap}, {@code hits}, {@code rejections},
 * {@code stragglers <n>}, {@code close} (the slice's nodes), {@code exit}. Every answer is awaited
 * with a timeout.
 */
final class HostProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Writer commands;
  private final BlockingQueue<String> answers = new ArrayBlockingQueue<>(16);

  private HostProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(this::readAnswers, name + "-answers");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts a host JVM with {@code heap} (e.g. {@code 2g}) whose nodes get certificates from the CA in {@code caDir}. */
  static HostProcess start(String name, Path caDir, String heap) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + heap,
        "-Dhearsay.bench.log=" + System.getProperty("hearsay.bench.log", "WARN"),
        "-cp", System.getProperty("java.class.path"),
        NodeHost.class.getName(),
        caDir.toString()));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    return new HostProcess(name, p);
  }

  private void readAnswers() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        answers.put(line);
      }
    } catch (IOException | InterruptedException e) {
      // the host is gone; ask() reports that
    }
  }

  /**
   * Sends one command and returns the answer's words after the first (which must be {@code expect}).
   * Fails on an error answer, a dead host, or no answer within {@code timeout}.
   */
  synchronized String[] ask(String command, String expect, Duration timeout) throws IOException, InterruptedException {
    if (!process.isAlive()) {
      throw new IOException(name + " has exited (" + process.exitValue() + ")");
    }
    answers.clear();
    commands.write(command + "\n");
    commands.flush();
    String line = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (line == null) {
      throw new IOException(name + " gave no answer to '" + command + "' within " + timeout.toSeconds() + " s"
          + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")"));
    }
    String[] words = line.split(" ");
    if (!words[0].equals(expect)) {
      throw new IOException(name + " answered '" + command + "' with: " + line);
    }
    String[] rest = new String[words.length - 1];
    System.arraycopy(words, 1, rest, 0, rest.length);
    return rest;
  }

  String name() {
    return name;
  }

  /** Asks the host to close its nodes and exit (bounded), then makes sure the process is gone. */
  @Override
  public void close() {
    try {
      if (process.isAlive()) {
        ask("close", "closed", Duration.ofSeconds(90));
        ask("exit", "bye", Duration.ofSeconds(10));
      }
    } catch (IOException | InterruptedException e) {
      // destroyed below either way
    } finally {
      try {
        commands.close();
      } catch (IOException e) {
        // the host may already be gone
      }
      if (!waitFor(Duration.ofSeconds(10))) {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
      }
    }
  }

  private boolean waitFor(Duration d) {
    try {
      return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
