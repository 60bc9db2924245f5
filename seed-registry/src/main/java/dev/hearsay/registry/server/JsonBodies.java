package dev.hearsay.registry.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;

/** Reads a request body into a record, turning every way it can be wrong into a clear {@link BadRequest}. */
final class JsonBodies {
  private static final int MAX_DETAIL = 300;

  private JsonBodies() {}

  static <T> T read(ObjectMapper json, byte[] body, Class<T> type) throws BadRequest {
    if (body.length == 0) {
      throw new BadRequest(ApiError.BAD_JSON, "the request body is empty; a JSON object is expected");
    }
    try {
      T value = json.readValue(body, type);
      if (value == null) {
        throw new BadRequest(ApiError.BAD_JSON, "the request body is null; a JSON object is expected");
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      throw new BadRequest(
          ApiError.UNKNOWN_FIELD,
          "unknown field \"" + bounded(e.getPropertyName()) + "\"; known fields: " + e.getKnownPropertyIds());
    } catch (MismatchedInputException e) {
      // Jackson's own wording names Java types and settings; say it in the API's terms.
      throw new BadRequest(ApiError.BAD_JSON, mismatch(e) + locationOf(e));
    } catch (JsonProcessingException e) {
      throw new BadRequest(ApiError.BAD_JSON, bounded(e.getOriginalMessage()) + locationOf(e));
    } catch (IOException e) {
      throw new BadRequest(ApiError.BAD_JSON, "the request body cannot be read: " + bounded(e.getMessage()));
    }
  }

  private static String mismatch(MismatchedInputException e) {
    String original = String.valueOf(e.getOriginalMessage());
    if (original.startsWith("Trailing token")) {
      return "unexpected content after the JSON object";
    }
    String field =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(java.util.stream.Collectors.joining("."));
    return field.isEmpty() ? "the body must be a JSON object" : "\"" + bounded(field) + "\" has the wrong type of value";
  }

  private static String locationOf(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
  }

  static String bounded(String s) {
    if (s == null) {
      return "";
    }
    String oneLine = s.replaceAll("[\\r\\n]+", " ");
    return oneLine.length() <= MAX_DETAIL ? oneLine : oneLine.substring(0, MAX_DETAIL) + "...";
  }
}
