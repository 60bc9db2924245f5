package dev.hearsay.registry.server;

import io.netty.handler.codec.http.HttpMethod;
import java.util.Set;

/** The API's paths and the methods each answers. */
enum Route {
  REVOCATIONS("/v1/revocations", Set.of(HttpMethod.GET, HttpMethod.POST)),
  WAIT("/v1/revocations/wait", Set.of(HttpMethod.GET)),
  HEAD("/v1/head", Set.of(HttpMethod.GET)),
  SEEDS("/v1/seeds", Set.of(HttpMethod.GET, HttpMethod.POST)),
  STATUS("/v1/status", Set.of(HttpMethod.GET));

  final String path;
  final Set<HttpMethod> methods;

  Route(String path, Set<HttpMethod> methods) {
    this.path = path;
    this.methods = methods;
  }

  static Route of(String path) {
    for (Route r : values()) {
      if (r.path.equals(path)) {
        return r;
      }
    }
    return null;
  }

  String allowHeader() {
    return String.join(", ", methods.stream().map(HttpMethod::name).sorted().toList());
  }
}
