package dev.hearsay.authz;

import com.fasterxml.jackson.core.JsonToken;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One node of a YAML document that remembers where it was written and under which path, so the
 * policy reader can name the line and column of any mistake, including mistakes only found after
 * the document is read (an unknown tenant, a duplicate, a quorum larger than the monitors).
 */
final class YamlNode {
  enum Type {
    MAP,
    LIST,
    SCALAR
  }

  private final Type type;
  private final String path;
  private final SourcePosition position;
  private final Map<String, YamlNode> entries;
  private final Map<String, SourcePosition> keyPositions;
  private final List<YamlNode> items;
  private final JsonToken token;
  private final String text;
  private final Long integer;

  private YamlNode(
      Type type,
      String path,
      SourcePosition position,
      Map<String, YamlNode> entries,
      Map<String, SourcePosition> keyPositions,
      List<YamlNode> items,
      JsonToken token,
      String text,
      Long integer) {
    this.type = type;
    this.path = path;
    this.position = position;
    this.entries = entries;
    this.keyPositions = keyPositions;
    this.items = items;
    this.token = token;
    this.text = text;
    this.integer = integer;
  }

  static YamlNode map(
      String path, SourcePosition position, Map<String, YamlNode> entries, Map<String, SourcePosition> keys) {
    return new YamlNode(
        Type.MAP,
        path,
        position,
        Collections.unmodifiableMap(entries),
        Collections.unmodifiableMap(keys),
        List.of(),
        null,
        null,
        null);
  }

  static YamlNode list(String path, SourcePosition position, List<YamlNode> items) {
    return new YamlNode(Type.LIST, path, position, Map.of(), Map.of(), List.copyOf(items), null, null, null);
  }

  /** A scalar; {@code integer} is its value when it is a whole number that fits a long. */
  static YamlNode scalar(String path, SourcePosition position, JsonToken token, String text, Long integer) {
    return new YamlNode(Type.SCALAR, path, position, Map.of(), Map.of(), List.of(), token, text, integer);
  }

  Type type() {
    return type;
  }

  String path() {
    return path;
  }

  SourcePosition position() {
    return position;
  }

  /** The entries of a map, in file order. */
  Map<String, YamlNode> entries() {
    return entries;
  }

  SourcePosition keyPosition(String key) {
    return keyPositions.get(key);
  }

  List<YamlNode> items() {
    return items;
  }

  JsonToken token() {
    return token;
  }

  String text() {
    return text;
  }

  Long integer() {
    return integer;
  }

  boolean isNull() {
    return type == Type.SCALAR && token == JsonToken.VALUE_NULL;
  }

  /** How the node reads in an error message: "a mapping", "a list", "nothing" or the quoted scalar. */
  String describe() {
    return switch (type) {
      case MAP -> "a mapping";
      case LIST -> "a list";
      case SCALAR -> switch (token) {
        case VALUE_NULL -> "nothing";
        case VALUE_STRING -> "the string '" + text + "'";
        default -> "'" + text + "'";
      };
    };
  }

  String childPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
