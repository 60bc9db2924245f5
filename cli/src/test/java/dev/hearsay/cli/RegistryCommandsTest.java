package dev.hearsay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearsay.overlay.admin.AdminServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.overlay.core.Status;
import dev.hearsay.overlay.node.Node;
import dev.hearsay.overlay.node.NodeConfig;
import dev.hearsay.overlay.revocation.RegistrySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code registry run}, {@code revoke} and {@code registry status} in-process, with real nodes following the registry. */
class RegistryCommandsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Pattern SERVING = Pattern.compile("serving on (https://\\S+) ");

  @TempDir Path dir;
  private final List<Node> nodes = new ArrayList<>();
  private Thread registryThread;
  private final AtomicInteger registryExit = new AtomicInteger(-1);
  private final StringWriter registryOut = new StringWriter();

  @BeforeEach
  void pki() {
    ok("ca", "init", "--domain", "example.org", "--out", path("ca"));
    ok("cert", "issue", "--ca", path("ca"), "--registry", "r1", "--out", path("r1"));
    ok("cert", "issue", "--ca", path("ca"), "--operator", "alice", "--out", path("alice"));
    for (String n : List.of("n1", "n2", "n3")) {
      ok("cert", "issue", "--ca", path("ca"), "--tenant", "blue", "--node", n, "--out", path(n));
    }
  }

  @AfterEach
  void stop() throws InterruptedException {
    nodes.forEach(Node::close);
    if (registryThread != null) {
      registryThread.interrupt();
      registryThread.join(WAIT.toMillis());
    }
  }

  private String path(String name) {
    return dir.resolve(name).toString();
  }

  private static Cli.Result ok(String... args) {
    Cli.Result r = Cli.run(args);
    assertEquals(0, r.exitCode(), r::toString);
    return r;
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + WAIT + " waiting for " + what);
      }
      java.util.concurrent.TimeUnit.MILLISECONDS.sleep(20);
    }
  }

  /** Starts {@code registry run} on a thread, as a user would in a terminal, and returns its printed address. */
  private String runRegistry() throws InterruptedException {
    registryThread = new Thread(() -> registryExit.set(Hearsay.commandLine()
        .setOut(new PrintWriter(registryOut, true)).setErr(new PrintWriter(registryOut, true))
        .execute("registry", "run", "--cert-dir", path("r1"), "--bind", "127.0.0.1:0", "--data-dir", path("registry-data"))));
    registryThread.start();
    await("the registry to print its address", () -> SERVING.matcher(registryOut.toString()).find() || registryExit.get() >= 0);
    Matcher m = SERVING.matcher(registryOut.toString());
    assertTrue(m.find(), registryOut::toString);
    return m.group(1);
  }

  private Node node(String name, List<String> seeds, String registry) throws Exception {
    NodeConfig config = NodeConfig.loopback(Credentials.load(dir.resolve(name)), seeds).withDataDir(dir.resolve(name + "-data"));
    if (registry != null) {
      config = config.withRegistry(RegistrySettings.of(URI.create(registry)).withPolling(Duration.ofSeconds(5), Duration.ofSeconds(30)));
    }
    Node node = Node.start(config, new SimpleMeterRegistry(), RevocationCheck.NONE);
    nodes.add(node);
    return node;
  }

  @Test
  void revokeThroughTheCommandReachesFollowingNodesAndStatusShowsIt() throws Exception {
    String registry = runRegistry();
    Node n1 = node("n1", List.of(), registry);
    Node n2 = node("n2", List.of(n1.address()), registry);
    Node target = node("n3", List.of(n1.address()), null);
    String targetUri = target.identity().uri();
    await("three nodes to converge", () -> nodes.stream().allMatch(n -> n.view().members().size() == 3
        && n.view().members().stream().allMatch(m -> m.status() == Status.ALIVE)));

    String serial = Credentials.load(dir.resolve("n3")).keyMaterial().certificate().getSerialNumber().toString(16);
    long published = System.nanoTime();
    Cli.Result revoked = ok("revoke", "--registry", registry, "--cert-dir", path("alice"), "--serial", serial, "--reason", "lost laptop");
    assertTrue(revoked.out().contains("revoked serial:" + serial + ": entry #1"), revoked::toString);
    await("both following nodes to show the target REVOKED with no connection to it", () -> List.of(n1, n2).stream().allMatch(
        n -> n.view().statusOf(targetUri) == Status.REVOKED && n.transport().connections().connectionCount(target.identity()) == 0));
    System.out.printf("revocation by serial through 'hearsay revoke': command start to last of 2 nodes enforcing %d ms%n",
        Duration.ofNanos(System.nanoTime() - published).toMillis());

    Cli.Result again = ok("revoke", "--registry", registry, "--cert-dir", path("alice"), "--serial", serial.toUpperCase());
    assertTrue(again.out().contains("already revoked: entry #1"), again::toString);

    JsonNode status = new ObjectMapper().readTree(ok("registry", "status", "--registry", registry, "--cert-dir", path("n1"), "--json").out());
    assertEquals(1, status.path("head").path("sequence").asLong(), status::toString);
    assertEquals(1, status.path("entries").asLong(), status::toString);
    assertTrue(status.path("head").path("verified").asBoolean(), status::toString);
    assertEquals("spiffe://example.org/registry/r1", status.path("head").path("signed_by").asText(), status::toString);
    Cli.Result text = ok("registry", "status", "--registry", registry, "--cert-dir", path("alice"));
    assertTrue(text.out().contains("entries     1"), text::toString);

    // `members` shows the node's view, how fresh its copy of the revocation log is, and its seed registration.
    await("n1 to be registered as a seed", () -> "true".equals(String.valueOf(
        ((java.util.Map<?, ?>) ((java.util.Map<?, ?>) n1.health().get("seeds")).get("registration")).get("registered"))));
    try (AdminServer admin = new AdminServer(new java.net.InetSocketAddress("127.0.0.1", 0),
        new AdminServer.Content(() -> n1.view().members(), n1::health, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)))) {
      Cli.Result members = ok("members", "--admin", "127.0.0.1:" + admin.address().getPort());
      assertTrue(members.out().contains("REVOKED"), members::toString);
      assertTrue(members.out().contains("registry " + registry + ": head #1"), members::toString);
      assertTrue(members.out().contains("1 revocations, fresh (policy open"), members::toString);
      assertTrue(members.out().contains("seeds: registered as " + n1.address() + " (renewed "), members::toString);
      assertTrue(members.out().contains("; joined via "), members::toString);
    }

    registryThread.interrupt();
    registryThread.join(WAIT.toMillis());
    assertEquals(0, registryExit.get(), registryOut::toString);
  }

  @Test
  void badInputIsExitTwoAndFailuresAreExitOne() throws Exception {
    String registry = runRegistry();
    String alice = path("alice");
    assertExit(2, "operator", "revoke", "--registry", registry, "--cert-dir", path("n1"), "--node", "spiffe://example.org/tenant/blue/node/n2");
    assertExit(2, "--serial", "revoke", "--registry", registry, "--cert-dir", alice, "--serial", "ab", "--node", "spiffe://example.org/tenant/blue/node/n2");
    assertExit(2, "--serial", "revoke", "--registry", registry, "--cert-dir", alice);
    assertExit(2, "hex digits", "revoke", "--registry", registry, "--cert-dir", alice, "--serial", "not-hex");
    assertExit(2, "registry identity", "revoke", "--registry", registry, "--cert-dir", alice, "--node", "spiffe://example.org/registry/r1");
    assertExit(2, "https://host:port", "revoke", "--registry", "http://127.0.0.1:9443", "--cert-dir", alice, "--serial", "ab");
    assertExit(2, "registry certificate", "registry", "run", "--cert-dir", path("n1"), "--bind", "127.0.0.1:0", "--data-dir", path("x"));
    assertExit(2, "host:port", "registry", "run", "--cert-dir", path("r1"), "--bind", "nowhere", "--data-dir", path("x"));
    assertExit(1, "cert.pem is missing", "registry", "status", "--registry", registry, "--cert-dir", path("missing"));

    Path corrupt = dir.resolve("corrupt");
    Files.createDirectories(corrupt);
    Files.writeString(corrupt.resolve("revocations.log"), "this is not a revocation log, and it is long enough to have a header");
    assertExit(1, "revocations.log", "registry", "run", "--cert-dir", path("r1"), "--bind", "127.0.0.1:0", "--data-dir", corrupt.toString());

    registryThread.interrupt();
    registryThread.join(WAIT.toMillis());
    assertExit(1, "connect", "registry", "status", "--registry", registry, "--cert-dir", alice);
  }

  private static void assertExit(int code, String inError, String... args) {
    Cli.Result r = Cli.run(args);
    assertEquals(code, r.exitCode(), r::toString);
    assertTrue(r.err().contains(inError), () -> "stderr should mention '" + inError + "': " + r);
    assertEquals(1, r.err().strip().lines().count(), () -> "one line on stderr: " + r);
  }
}
