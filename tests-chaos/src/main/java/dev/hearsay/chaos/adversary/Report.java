package dev.hearsay.chaos.adversary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one JSON line an attack prints: its name and what it did, in the order the figures were added. */
final class Report {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, Object> fields = new LinkedHashMap<>();

  Report(String attack) {
    fields.put("attack", attack);
  }

  Report put(String name, Object value) {
    fields.put(name, value);
    return this;
  }

  void print() throws JsonProcessingException {
    System.out.println(JSON.writeValueAsString(fields));
    System.out.flush();
  }
}
