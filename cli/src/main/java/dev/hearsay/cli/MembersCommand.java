package dev.hearsay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hearsay members}: a node's view of the membership, from its admin endpoint. */
@Command(
    name = "members",
    description = "Show a node's membership view (from its admin endpoint), how fresh its copy of the registry's revocation log is,"
        + " and its place in the registry's seed list.",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
      "  hearsay members --admin 127.0.0.1:8001",
      "  hearsay members --admin 127.0.0.1:8001 --json",
      Help.EXIT_CODES_HEADING_INLINE,
      Help.EXIT_CODES
    })
final class MembersCommand implements Callable<Integer> {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Option(names = "--admin", paramLabel = "<host:port>", defaultValue = "127.0.0.1:8001",
      description = "The node's admin address (default: ${DEFAULT-VALUE}).")
  String admin;

  @Option(names = "--json", description = "Print the JSON list as the node serves it.")
  boolean json;

  @Spec CommandSpec spec;

  /** The node's {@code /health}, or a missing node when it does not answer it. */
  private JsonNode health(HttpClient client, ObjectMapper mapper) throws Exception {
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://" + admin + "/health")).timeout(TIMEOUT).GET().build();
    HttpResponse<String> answer = client.send(health, HttpResponse.BodyHandlers.ofString());
    return answer.statusCode() == 200 ? mapper.readTree(answer.body()) : mapper.missingNode();
  }

  /** When the node follows a registry: how fresh its copy of the revocation log is. */
  private static void printRegistryFreshness(PrintWriter out, JsonNode health) {
    JsonNode registry = health.path("registry");
    if (registry.isMissingNode() || registry.isNull()) {
      return;
    }
    JsonNode age = registry.path("head_age_seconds");
    out.printf("registry %s: head #%s, %s, %s revocations, %s (policy %s, stale after %s s)%n",
        registry.path("url").asText(),
        registry.path("head_sequence").isNull() ? "-" : registry.path("head_sequence").asText(),
        age.isNull() || age.isMissingNode() ? "no head yet" : String.format("%.1f s old", age.asDouble()),
        registry.path("revocations").asText(),
        registry.path("stale").asBoolean() ? "STALE" : "fresh",
        registry.path("policy").asText(),
        registry.path("max_staleness_seconds").asText());
  }

  @Override
  public Integer call() throws Exception {
    HostPort.parse("--admin", admin);
    HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + admin + "/members")).timeout(TIMEOUT).GET().build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.net.ConnectException e) {
      throw new java.io.IOException("no node answers on " + admin + " (is it running with --admin " + admin + "?)");
    } catch (java.net.http.HttpTimeoutException e) {
      throw new java.io.IOException("the node on " + admin + " did not answer within " + TIMEOUT.toSeconds() + " s");
    }
    if (response.statusCode() != 200) {
      throw new java.io.IOException("GET /members on " + admin + " returned HTTP " + response.statusCode());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(response.body());
      return ExitCodes.OK;
    }
    ObjectMapper mapper = new ObjectMapper();
    JsonNode members = mapper.readTree(response.body());
    out.printf("%-8s %-12s %-16s %-12s %-22s %s%n", "STATUS", "TENANT", "NAME", "INCARNATION", "ADDRESS", "LAST CHANGE");
    for (JsonNode m : members) {
      out.printf("%-8s %-12s %-16s %-12s %-22s %s%n", m.path("status").asText(), m.path("tenant").asText(), m.path("name").asText(),
          m.path("incarnation").asText(), m.path("address").asText(), m.path("last_change").asText());
    }
    JsonNode health = health(client, mapper);
    printRegistryFreshness(out, health);
    SeedStatusLine.of(health).ifPresent(out::println);
    return ExitCodes.OK;
  }
}
