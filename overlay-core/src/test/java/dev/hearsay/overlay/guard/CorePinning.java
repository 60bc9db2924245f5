package dev.hearsay.overlay.guard;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Pins this JVM's threads to one core with taskset (Linux), so a flooder pinned to another core takes
 * none of the honest nodes' CPU. Only where taskset exists and the machine has at least two cores.
 */
final class CorePinning {
  private CorePinning() {}

  /** Whether the honest JVM and the flooder can each have a core of their own here. */
  static boolean available() {
    return Runtime.getRuntime().availableProcessors() >= 2 && run("taskset", "-p", Long.toString(ProcessHandle.current().pid()));
  }

  /** Pins every thread of this JVM (and threads it starts later) to {@code cores}, e.g. "0" or "0-1". */
  static void pinThisJvm(String cores) {
    if (!run("taskset", "-a", "-p", "-c", cores, Long.toString(ProcessHandle.current().pid()))) {
      throw new IllegalStateException("taskset could not pin this JVM to cores " + cores);
    }
  }

  private static boolean run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
