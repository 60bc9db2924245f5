package dev.hearsay.authz;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one YAML document into {@link YamlNode}s with Jackson's streaming YAML parser. Data binding
 * would drop source positions, and most policy mistakes are only found after binding; walking tokens
 * keeps the line and column of every key and value.
 */
final class YamlDocumentReader {
  // An empty value ("tenants:") reads as null, so it is reported as missing rather than as ''.
  private static final YAMLFactory YAML =
      YAMLFactory.builder().enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();

  private final String file;

  YamlDocumentReader(String file) {
    this.file = file;
  }

  // Jackson's MarkedYAMLException wrapper is deprecated, but it is how the scanner's own problem
  // and mark are reached without compiling against SnakeYAML itself.
  @SuppressWarnings("deprecation")
  YamlNode read(String text) throws PolicyException {
    try (JsonParser parser = YAML.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new PolicyException(file, SourcePosition.START, "", "the policy is empty; it needs at least 'version: 1'");
      }
      YamlNode root = readValue(parser, first, "");
      JsonToken extra = parser.nextToken();
      if (extra != null) {
        throw new PolicyException(
            file, position(parser.currentTokenLocation()), "", "a second YAML document; a policy file holds one");
      }
      return root;
    } catch (MarkedYAMLException e) {
      // The scanner's own problem and mark: where the mistake is, not where the parser's context began.
      SourcePosition at =
          e.getProblemMark() == null
              ? position(e.getLocation())
              : new SourcePosition(e.getProblemMark().getLine() + 1, e.getProblemMark().getColumn() + 1);
      String problem = e.getProblem() == null ? e.getOriginalMessage() : e.getProblem();
      throw new PolicyException(file, at, "", "malformed YAML: " + firstLine(problem));
    } catch (JsonProcessingException e) {
      String problem = firstLine(e.getOriginalMessage());
      if (problem.startsWith("Expected a field name")) {
        problem = "a key must be a plain value, not a list or a mapping"; // e.g. "? [a]"
      }
      throw new PolicyException(file, position(e.getLocation()), "", "malformed YAML: " + problem);
    } catch (IOException e) {
      throw new PolicyException(file, null, "", "cannot read: " + e.getMessage());
    }
  }

  private YamlNode readValue(JsonParser parser, JsonToken token, String path) throws IOException, PolicyException {
    SourcePosition at = position(parser.currentTokenLocation());
    if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
      // The parser would hand an alias over as the string of its name, which reads as a type error.
      throw new PolicyException(file, at, path, "aliases (*" + parser.getText() + ") are not supported in a policy file");
    }
    switch (token) {
      case START_OBJECT:
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        Map<String, SourcePosition> keys = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
          String key = parser.currentName();
          SourcePosition keyAt = position(parser.currentTokenLocation());
          String childPath = path.isEmpty() ? key : path + "." + key;
          if (keys.containsKey(key)) {
            throw new PolicyException(
                file, keyAt, childPath, "duplicate key '" + key + "' (first at " + keys.get(key) + ")");
          }
          keys.put(key, keyAt);
          entries.put(key, readValue(parser, parser.nextToken(), childPath));
        }
        return YamlNode.map(path, at, entries, keys);
      case START_ARRAY:
        List<YamlNode> items = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          items.add(readValue(parser, t, path + "[" + items.size() + "]"));
        }
        return YamlNode.list(path, at, items);
      case VALUE_NUMBER_INT:
        return YamlNode.scalar(path, at, token, parser.getText(), longOrNull(parser));
      default:
        return YamlNode.scalar(path, at, token, parser.getText(), null);
    }
  }

  private static Long longOrNull(JsonParser parser) throws IOException {
    try {
      return parser.getLongValue();
    } catch (InputCoercionException tooLarge) {
      return null;
    }
  }

  private static SourcePosition position(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return null;
    }
    return new SourcePosition(location.getLineNr(), Math.max(1, location.getColumnNr()));
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    String line = message.strip();
    int nl = line.indexOf('\n');
    return nl < 0 ? line : line.substring(0, nl).strip();
  }
}
