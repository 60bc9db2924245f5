package dev.hearsay.registry.server;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The query parameters of a request, limited to the ones a route knows; each at most once. */
final class Query {
  private static final int MAX_PARAMS = 8;
  private final Map<String, List<String>> params;

  private Query(Map<String, List<String>> params) {
    this.params = params;
  }

  static Query parse(QueryStringDecoder decoder, Set<String> allowed) throws BadRequest {
    Map<String, List<String>> params = decoder.parameters();
    for (Map.Entry<String, List<String>> p : params.entrySet()) {
      if (!allowed.contains(p.getKey())) {
        throw new BadRequest(
            ApiError.INVALID_REQUEST, "unknown query parameter \"" + JsonBodies.bounded(p.getKey()) + "\"; known: " + allowed);
      }
      if (p.getValue().size() != 1) {
        throw new BadRequest(ApiError.INVALID_REQUEST, "query parameter \"" + p.getKey() + "\" is given more than once");
      }
    }
    return new Query(params);
  }

  static int maxParams() {
    return MAX_PARAMS;
  }

  /** A non-negative whole number, or the default when absent. */
  long nonNegative(String name, long otherwise) throws BadRequest {
    List<String> values = params.get(name);
    if (values == null) {
      return otherwise;
    }
    String v = values.get(0);
    try {
      long n = Long.parseLong(v);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new BadRequest(ApiError.INVALID_REQUEST, "\"" + name + "\" must be a non-negative whole number, got \"" + JsonBodies.bounded(v) + "\"");
    }
  }
}
