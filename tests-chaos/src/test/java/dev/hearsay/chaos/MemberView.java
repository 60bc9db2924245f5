package dev.hearsay.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** One node's {@code /members}, by member name. */
record MemberView(Map<String, Entry> members) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a node says about one member. */
  record Entry(String name, String tenant, String status, long incarnation, String address, Map<String, String> metadata) {}

  static MemberView parse(String json) throws IOException {
    Map<String, Entry> members = new LinkedHashMap<>();
    for (JsonNode m : JSON.readTree(json)) {
      Map<String, String> metadata = new java.util.TreeMap<>();
      m.path("metadata").fields().forEachRemaining(f -> metadata.put(f.getKey(), f.getValue().asText()));
      Entry e = new Entry(m.path("name").asText(), m.path("tenant").asText(), m.path("status").asText(),
          m.path("incarnation").asLong(), m.path("address").asText(), metadata);
      members.put(e.name(), e);
    }
    return new MemberView(members);
  }

  /** The member's status, or {@code "absent"} when the node does not list it. */
  String statusOf(String name) {
    Entry e = members.get(name);
    return e == null ? "absent" : e.status();
  }

  long incarnationOf(String name) {
    Entry e = members.get(name);
    return e == null ? -1 : e.incarnation();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    members.values().forEach(e -> sb.append(e.name()).append('=').append(e.status()).append('@').append(e.incarnation()).append(' '));
    return sb.toString().trim();
  }
}
