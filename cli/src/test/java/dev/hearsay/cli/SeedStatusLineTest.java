package dev.hearsay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code members} line about seeds, from the shapes a node's {@code /health} takes. */
class SeedStatusLineTest {
  private static Optional<String> line(String health) throws Exception {
    return SeedStatusLine.of(new ObjectMapper().readTree(health));
  }

  @Test
  void saysNothingForANodeWithoutARegistry() throws Exception {
    assertEquals(Optional.empty(), line("{\"status\":\"ok\"}"));
  }

  @Test
  void describesAFailingRegistrationAndANodeStillAlone() throws Exception {
    assertEquals(Optional.of("seeds: NOT registered as 10.0.0.1:7001 (3 failures; last: connection_failed: refused);"
            + " alone, asking the registry for seeds (last error: timeout: no answer)"),
        line("{\"seeds\":{\"registration\":{\"enabled\":true,\"address\":\"10.0.0.1:7001\",\"registered\":false,"
            + "\"failures_in_a_row\":3,\"last_error\":\"connection_failed: refused\"},"
            + "\"bootstrap\":{\"state\":\"alone\",\"source\":null,\"through\":[],\"last_error\":\"timeout: no answer\"}}}"));
  }

  @Test
  void describesANodeThatDoesNotRegisterAndJoinedThroughTheRegistry() throws Exception {
    assertEquals(Optional.of("seeds: not registering (--no-register-seed); joined via registry through 10.0.0.2:7001, 10.0.0.3:7001"),
        line("{\"seeds\":{\"registration\":{\"enabled\":false},"
            + "\"bootstrap\":{\"state\":\"joined\",\"source\":\"registry\",\"through\":[\"10.0.0.2:7001\",\"10.0.0.3:7001\"]}}}"));
  }
}
