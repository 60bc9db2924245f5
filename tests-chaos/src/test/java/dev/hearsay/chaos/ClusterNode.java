package dev.hearsay.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.testcontainers.containers.GenericContainer;

/**
 * One {@code hearsay node run} in a container: its name (also its network alias), tenant, identity,
 * and its admin endpoint, read over the container's address on the test's network.
 */
final class ClusterNode {
  static final int GOSSIP_PORT = 7001;
  static final int ADMIN_PORT = 8001;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final String name;
  final String tenant;
  final String uri;
  final GenericContainer<?> container;
  /** The node's address on the test network; fixed, so it survives restarts and reconnects. */
  final String ip;

  ClusterNode(String name, String tenant, String uri, GenericContainer<?> container, String ip) {
    this.name = name;
    this.tenant = tenant;
    this.uri = uri;
    this.container = container;
    this.ip = ip;
  }

  MemberView members() throws IOException, InterruptedException {
    return MemberView.parse(get("/members"));
  }

  Metrics metrics() throws IOException, InterruptedException {
    return Metrics.parse(get("/metrics"));
  }

  private String get(String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + ip + ":" + ADMIN_PORT + path))
        .timeout(Duration.ofSeconds(3)).build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(name + path + " answered " + response.statusCode());
    }
    return response.body();
  }

  @Override
  public String toString() {
    return name;
  }
}
