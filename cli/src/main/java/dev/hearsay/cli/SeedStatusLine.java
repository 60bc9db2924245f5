package dev.hearsay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One line for {@code hearsay members} from a node's {@code /health}: whether it is registered in its
 * registry's seed list, and how it joined. Absent when the node follows no registry.
 */
final class SeedStatusLine {
  private SeedStatusLine() {}

  static Optional<String> of(JsonNode health) {
    JsonNode seeds = health.path("seeds");
    if (seeds.isMissingNode() || seeds.isNull()) {
      return Optional.empty();
    }
    return Optional.of("seeds: " + registration(seeds.path("registration")) + "; " + bootstrap(seeds.path("bootstrap")));
  }

  private static String registration(JsonNode r) {
    if (!r.path("enabled").asBoolean()) {
      return "not registering (--no-register-seed)";
    }
    String address = r.path("address").asText();
    if (r.path("registered").asBoolean()) {
      return "registered as " + address + " (renewed " + r.path("last_renewal").asText() + ", lapses " + r.path("expires").asText() + ")";
    }
    String error = text(r.path("last_error"));
    return "NOT registered as " + address + (error == null ? "" : " (" + r.path("failures_in_a_row").asText() + " failures; last: " + error + ")");
  }

  private static String bootstrap(JsonNode b) {
    String state = b.path("state").asText();
    String error = text(b.path("last_error"));
    if ("alone".equals(state)) {
      return "alone, asking the registry for seeds" + (error == null ? "" : " (last error: " + error + ")");
    }
    if (!"joined".equals(state)) {
      return state;
    }
    String source = text(b.path("source"));
    List<String> through = new ArrayList<>();
    b.path("through").forEach(a -> through.add(a.asText()));
    return "joined" + (source == null ? "" : " via " + source) + (through.isEmpty() ? "" : " through " + String.join(", ", through));
  }

  private static String text(JsonNode n) {
    return n.isMissingNode() || n.isNull() ? null : n.asText();
  }
}
