package dev.hearsay.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;

/**
 * One run of {@code hearsay-adversary} in a container of its own on the cluster's network, with its
 * own address and certificate: the attack as a separate process, as an attacker would run it. Its
 * reports are the JSON lines it prints; the container is removed by the cluster when it closes.
 */
final class AdversaryProgram {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final GenericContainer<?> container;
  private final String description;

  AdversaryProgram(GenericContainer<?> container, String description) {
    this.container = container;
    this.description = description;
  }

  /** Waits for the program to exit 0 and returns its last report; fails with its output otherwise. */
  JsonNode awaitReport(Duration timeout) throws Exception {
    Await.until(timeout, description + " to exit", () -> !running(), this::output);
    Long code = container.getDockerClient().inspectContainerCmd(container.getContainerId()).exec().getState().getExitCodeLong();
    if (code == null || code != 0) {
      throw new AssertionError(description + " exited " + code + ":\n" + output());
    }
    List<JsonNode> reports = reports();
    if (reports.isEmpty()) {
      throw new AssertionError(description + " printed no report:\n" + output());
    }
    return reports.get(reports.size() - 1);
  }

  /** Waits, while it runs, for a report that {@code wanted} accepts. */
  JsonNode awaitReport(Duration timeout, String what, Predicate<JsonNode> wanted) throws Exception {
    JsonNode[] found = new JsonNode[1];
    Await.until(timeout, description + " to report " + what, () -> {
      for (JsonNode r : reports()) {
        if (wanted.test(r)) {
          found[0] = r;
          return true;
        }
      }
      if (!running()) {
        throw new AssertionError(description + " ended without reporting " + what + ":\n" + output());
      }
      return false;
    }, this::output);
    return found[0];
  }

  private boolean running() {
    return Boolean.TRUE.equals(container.getDockerClient().inspectContainerCmd(container.getContainerId()).exec().getState().getRunning());
  }

  private List<JsonNode> reports() throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : container.getLogs(OutputFrame.OutputType.STDOUT).split("\n")) {
      if (line.startsWith("{")) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }

  private String output() {
    return ChaosCluster.tail(container, 40);
  }
}
