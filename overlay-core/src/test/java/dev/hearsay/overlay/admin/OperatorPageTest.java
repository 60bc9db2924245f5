package dev.hearsay.overlay.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.overlay.core.Status;
import dev.hearsay.overlay.node.Node;
import dev.hearsay.overlay.node.NodeConfig;
import dev.hearsay.overlay.transport.RawTlsClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's page, as a browser shows it: headless Chromium loads {@code /} of a node's admin
 * endpoint, runs its script, and the rendered table lists every member; after one node is killed
 * the page shows it DEAD; a peer that sent a frame that does not decode is listed among the lowest
 * scores. Skipped only on a machine without Chromium, never when CI is set.
 */
class OperatorPageTest {
  private static final Pattern ROW = Pattern.compile("<tr data-name=\"([^\"]+)\" data-status=\"([A-Z]+)\">");

  private final TestPki pki = new TestPki();
  private final List<Node> nodes = new ArrayList<>();
  private AdminServer admin;
  @TempDir Path profile;

  @AfterEach
  void stop() {
    if (admin != null) {
      admin.close();
    }
    nodes.forEach(Node::close);
  }

  @Test
  void pageListsTheMembersAndUpdatesWhenOneIsKilled() throws Exception {
    String chromium = findChromium();
    assumeTrue(chromium != null || System.getenv("CI") != null, "no chromium on this machine");
    assertTrue(chromium != null, "CI is set but there is no chromium");

    Node first = start("n0", List.of());
    start("n1", List.of(first.address()));
    Node victim = start("n2", List.of(first.address()));
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    admin = new AdminServer(new InetSocketAddress("127.0.0.1", 0),
        new AdminServer.Content(() -> first.view().members(), first::health, metrics));
    String url = "http://127.0.0.1:" + admin.address().getPort() + "/";
    awaitView(first, "n2", Status.ALIVE, 3);

    HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, raw.statusCode());
    assertTrue(raw.headers().firstValue("content-type").orElse("").startsWith("text/html"));

    String dom = render(chromium, url);
    assertEquals(List.of("n0=ALIVE", "n1=ALIVE", "n2=ALIVE"), rows(dom), dom);
    assertTrue(dom.contains("3 of 3 members alive"), dom);

    // A peer sends a frame that does not decode: its score falls, and the page names it.
    NioEventLoopGroup group = new NioEventLoopGroup(1);
    try {
      Credentials garbler = pki.node("blue", "garbler");
      RawTlsClient garbling = RawTlsClient.connect(group, pki, garbler, addressOf(first));
      garbling.send(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 4, 9, 9, 9, 9}));
      garbling.awaitClosed();
      String withPeer = render(chromium, url);
      assertTrue(withPeer.contains("<tr data-peer=\"" + garbler.identity().uri() + "\">"), withPeer);
      assertTrue(withPeer.contains("0 identities banned now"), withPeer);
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    victim.close();
    awaitView(first, "n2", Status.DEAD, 3);
    String after = render(chromium, url);
    assertTrue(rows(after).contains("n2=DEAD"), after);
    assertTrue(after.contains("2 of 3 members alive"), after);
  }

  private static InetSocketAddress addressOf(Node n) {
    String[] hostPort = n.address().split(":");
    return new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
  }

  private Node start(String name, List<String> seeds) throws Exception {
    Node n = Node.start(NodeConfig.loopback(pki.node("blue", name), seeds), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        RevocationCheck.NONE);
    nodes.add(n);
    return n;
  }

  private static void awaitView(Node node, String name, Status status, int size) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
    while (!(node.view().members().size() == size
        && node.view().members().stream().anyMatch(m -> m.name().equals(name) && m.status() == status))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + name + " " + status + ": " + node.view().members());
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  /** The DOM after the page's script ran (Chromium's virtual time lets the first refreshes happen). */
  private String render(String chromium, String url) throws IOException, InterruptedException {
    Path out = Files.createTempFile(profile, "dom", ".html");
    Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--user-data-dir=" + profile.resolve("profile"), "--virtual-time-budget=3000", "--dump-dom", url)
        .redirectOutput(out.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish within 60 s");
    }
    return Files.readString(out);
  }

  private static List<String> rows(String dom) {
    List<String> rows = new ArrayList<>();
    Matcher m = ROW.matcher(dom);
    while (m.find()) {
      rows.add(m.group(1) + "=" + m.group(2));
    }
    return rows;
  }

  private static String findChromium() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      for (String name : new String[] {"chromium", "chromium-browser"}) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return candidate.toString();
        }
      }
    }
    return null;
  }
}
