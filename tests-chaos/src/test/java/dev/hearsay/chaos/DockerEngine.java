package dev.hearsay.chaos;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/**
 * Whether the chaos tests can run. On a developer machine without Docker they skip with a message;
 * where {@code HEARSAY_CHAOS_REQUIRED=true} (CI, after {@code .ci/run} started the engine) a missing
 * engine fails them instead, so the suite cannot pass by not running.
 */
final class DockerEngine {
  static final String REQUIRED = "HEARSAY_CHAOS_REQUIRED";

  private DockerEngine() {}

  static void requireOrSkip() {
    boolean available;
    String why = "";
    try {
      available = DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      available = false;
      why = ": " + e;
    }
    String message = "no Docker engine answers" + why
        + " (start dockerd, or run .ci/run; the chaos suite needs containers)";
    if (Boolean.parseBoolean(System.getenv(REQUIRED))) {
      Assertions.assertTrue(available, message + "; " + REQUIRED + "=true, so this is a failure");
    }
    Assumptions.assumeTrue(available, message + "; skipping (set " + REQUIRED + "=true to fail instead)");
  }
}
