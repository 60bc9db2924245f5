package dev.hearsay.cli;

import dev.hearsay.authz.Authorizer;
import dev.hearsay.authz.Policy;
import dev.hearsay.authz.Principal;
import dev.hearsay.crypto.CertificateAuthority;
import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.IssueRequest;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.overlay.admin.AdminServer;
import dev.hearsay.overlay.core.Status;
import dev.hearsay.overlay.node.MembershipView;
import dev.hearsay.overlay.node.Node;
import dev.hearsay.overlay.node.NodeConfig;
import dev.hearsay.overlay.revocation.RegistrySettings;
import dev.hearsay.registry.server.RegistryConfig;
import dev.hearsay.registry.server.RegistryServer;
import dev.hearsay.registry.log.RevocationTarget;
import dev.hearsay.registry.client.RegistryClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hearsay demo}: the whole story on one machine, with real certificates and real mutual TLS
 * on loopback: a CA and certificates, nodes of two tenants converging, a crash detected, and a node
 * with a certificate of another CA refused.
 */
@Command(
    name = "demo",
    description = {
      "Run a small overlay on loopback and show it working: issue a CA and certificates, start a seed registry and",
      "nodes of two tenants over mutual TLS, watch them converge, crash one and watch it detected, revoke one at the",
      "registry and watch every node enforce it, and show a node with a certificate from another CA refused.",
      "Everything stops at the end (or on Ctrl-C) unless --keep."
    },
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
      "  hearsay demo",
      "  hearsay demo --nodes 12 --dir ./demo",
      "  hearsay demo --keep          # leave the cluster running; prints the admin URLs",
      Help.EXIT_CODES_HEADING_INLINE,
      Help.EXIT_CODES
    })
final class DemoCommand implements Callable<Integer> {
  static final String DOMAIN = "demo.hearsay.local";
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

  @Option(names = "--nodes", defaultValue = "8", paramLabel = "<n>", description = "Nodes to start, 3 to 32 (default: ${DEFAULT-VALUE}).")
  int nodeCount;

  @Option(names = "--dir", paramLabel = "<dir>", description = "Where to write the CA and certificates (default: a new temporary folder).")
  Path dir;

  @Option(names = "--keep", description = "Leave the cluster running after the demo; stop it with Ctrl-C.")
  boolean keep;

  @Spec CommandSpec spec;

  private final List<Node> nodes = new ArrayList<>();
  private final List<AdminServer> admins = new ArrayList<>();
  private final List<PrometheusMeterRegistry> registries = new ArrayList<>();
  private dev.hearsay.crypto.TrustBundle trustBundle;
  private Policy policy = Policy.defaults();
  private Authorizer authorizer = new Authorizer(policy);
  private RegistryServer registry;
  private Node crashed;

  @Override
  public Integer call() throws Exception {
    if (nodeCount < 3 || nodeCount > 32) {
      throw new ExitCodes.InvalidInputException("--nodes must be between 3 and 32");
    }
    PrintWriter out = spec.commandLine().getOut();
    Path home = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("hearsay-demo-");
    Thread stopper = new Thread(this::stopAll, "hearsay-demo-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    try {
      List<Credentials> credentials = issue(out, home);
      startRegistry(home);
      converge(out, credentials, home);
      crash(out);
      revoke(out, home);
      forgedCertificate(out, home);
      out.println();
      out.printf("files: %s (ca/, one directory per principal)%n", home);
      out.flush();
      if (keep) {
        out.println("cluster left running; admin endpoints:");
        for (int i = 0; i < nodes.size(); i++) {
          out.printf("  %-28s http://%s/members%n", nodes.get(i).identity().name(), HostPort.format(admins.get(i).address()));
        }
        out.println("stop with Ctrl-C");
        out.flush();
        new CountDownLatch(1).await();
      }
      return ExitCodes.OK;
    } finally {
      if (!keep) {
        stopAll();
        Runtime.getRuntime().removeShutdownHook(stopper);
      }
    }
  }

  private List<Credentials> issue(PrintWriter out, Path home) throws Exception {
    long t0 = System.nanoTime();
    CertificateAuthority ca = CertificateAuthority.create(DOMAIN, Duration.ofDays(1), Clock.systemUTC());
    ca.save(home.resolve("ca"), true);
    trustBundle = ca.trustBundle();
    Credentials.of(ca.issueWithNewKey(IssueRequest.of(NodeIdentity.registry(DOMAIN, "registry"))), ca.trustBundle())
        .save(home.resolve("registry"), true);
    Credentials.of(ca.issueWithNewKey(IssueRequest.of(NodeIdentity.operator(DOMAIN, "ops"))), ca.trustBundle())
        .save(home.resolve("operator"), true);
    List<Credentials> credentials = new ArrayList<>();
    for (int i = 0; i < nodeCount; i++) {
      String tenant = i % 2 == 0 ? "blue" : "green";
      Credentials c = Credentials.of(
          ca.issueWithNewKey(IssueRequest.of(NodeIdentity.node(DOMAIN, tenant, "node-" + i))), ca.trustBundle());
      c.save(home.resolve("node-" + i), true);
      credentials.add(c);
    }
    // The default policy (tenants isolated), with node-0 listed as the seed every node joins through.
    policy = Policy.builder().seed(credentials.get(0).identity()).build();
    authorizer = new Authorizer(policy);
    out.printf("[1/5] CA for %s, certificates for a registry, an operator and %d nodes (tenants blue, green): %.1f s%n",
        DOMAIN, nodeCount, seconds(t0));
    out.flush();
    return credentials;
  }

  private void startRegistry(Path home) throws Exception {
    registry = RegistryServer.start(RegistryConfig.of(
        Credentials.load(home.resolve("registry")), new InetSocketAddress("127.0.0.1", 0), home.resolve("registry-data")));
  }

  private RegistrySettings following() {
    return RegistrySettings.of(URI.create("https://127.0.0.1:" + registry.port()))
        .withPolling(Duration.ofSeconds(10), Duration.ofMinutes(1))
        .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(2));
  }

  private void converge(PrintWriter out, List<Credentials> credentials, Path home) throws Exception {
    long t0 = System.nanoTime();
    String seed = null;
    for (Credentials c : credentials) {
      Node node = start(c, seed == null ? List.of() : List.of(seed), home.resolve(c.identity().name() + "-data"));
      seed = seed == null ? node.address() : seed;
    }
    int expected = visibleEntries(credentials);
    await(out, "converging", () -> countAll(Status.ALIVE) == expected,
        () -> countAll(Status.ALIVE) + "/" + expected + " member entries ALIVE");
    out.printf("[2/5] a seed registry on https://127.0.0.1:%d and %d nodes over mutual TLS following it;"
        + " every view complete in %.1f s%n", registry.port(), nodeCount, seconds(t0));
    out.printf("      tenants are isolated: a node sees its own tenant only; %s, the listed seed, sees all.%n",
        nodes.get(0).identity().name());
    out.printf("      %s (seed, %s) sees:%n", nodes.get(0).identity().name(), tenantOf(nodes.get(0)));
    printTable(out, nodes.get(0).view());
    if (nodes.size() > 1) {
      out.printf("      %s (%s) sees:%n", nodes.get(1).identity().name(), tenantOf(nodes.get(1)));
      printTable(out, nodes.get(1).view());
    }
    out.flush();
  }

  private void crash(PrintWriter out) throws Exception {
    Node victim = nodes.get(nodes.size() - 1);
    String uri = victim.identity().uri();
    // The nodes that may see it: its own tenant and the seed.
    List<Node> others = nodes.subList(0, nodes.size() - 1).stream().filter(n -> mayView(n, victim)).toList();
    long t0 = System.nanoTime();
    victim.close(); // no LEAVE: to the others this is a crash
    crashed = victim;
    await(out, "detecting", () -> others.stream().allMatch(n -> n.view().statusOf(uri) == Status.DEAD),
        () -> others.stream().filter(n -> n.view().statusOf(uri) == Status.DEAD).count() + "/" + others.size() + " nodes see it DEAD");
    out.printf("[3/5] %s crashed; DEAD in every view that holds it (%d nodes) after %.1f s%n", victim.identity().name(),
        others.size(), seconds(t0));
    out.flush();
  }

  /** The operator revokes a live node at the registry; every other node must enforce it. */
  private void revoke(PrintWriter out, Path home) throws Exception {
    Node target = nodes.get(1);
    String uri = target.identity().uri();
    // Every node enforces the revocation; those that may see the target also show it REVOKED.
    List<Node> others = nodes.stream().filter(n -> n != target && n != crashed && mayView(n, target)).toList();
    long t0 = System.nanoTime();
    try (RegistryClient operator = RegistryClient.create(URI.create("https://127.0.0.1:" + registry.port()),
        Credentials.load(home.resolve("operator")))) {
      operator.publish(RevocationTarget.identity(target.identity()), "demo: key reported lost");
    }
    double published = seconds(t0);
    await(out, "enforcing", () -> others.stream().allMatch(n -> n.view().statusOf(uri) == Status.REVOKED),
        () -> others.stream().filter(n -> n.view().statusOf(uri) == Status.REVOKED).count() + "/" + others.size()
            + " nodes show it REVOKED");
    out.printf("[4/5] the operator revoked %s at the registry (published in %.2f s); all %d other live nodes that see it"
        + " show it REVOKED and dropped its connections %.2f s after the publish%n",
        target.identity().name(), published, others.size(), seconds(t0));
    out.flush();
  }

  private void forgedCertificate(PrintWriter out, Path home) throws Exception {
    CertificateAuthority rogue = CertificateAuthority.create(DOMAIN, Duration.ofDays(1), Clock.systemUTC());
    // The impostor trusts the real CA (its certificate is public) but holds a certificate of its own CA.
    Credentials forged = new Credentials(
        rogue.issueWithNewKey(IssueRequest.of(NodeIdentity.node(DOMAIN, "blue", "impostor"))), trustBundle,
        NodeIdentity.node(DOMAIN, "blue", "impostor"));
    forged.save(home.resolve("impostor"), true);
    Node seed = nodes.get(0);
    double before = handshakeFailures(0);
    Node impostor = start(forged, List.of(seed.address()), null);
    long t0 = System.nanoTime();
    await(out, "refusing", () -> handshakeFailures(0) > before, () -> "waiting for the impostor's handshake");
    boolean unseen = nodes.stream().filter(n -> n != impostor).allMatch(n -> n.view().member(forged.identity().uri()) == null);
    out.printf("[5/5] a node with a certificate from another CA (same names, other key) was refused at the TLS handshake"
        + " in %.1f s and appears in no view: %s%n", seconds(t0), unseen ? "yes" : "NO");
    out.flush();
    if (!unseen) {
      throw new IllegalStateException("the impostor appears in a view");
    }
  }

  private double handshakeFailures(int node) {
    Counter c = registries.get(node).find("hearsay.transport.rejections").tag("reason", "handshake_failed").counter();
    return c == null ? 0 : c.count();
  }

  /** Starts a node; with a data directory it follows the demo's registry. */
  private Node start(Credentials c, List<String> seeds, Path dataDir) throws Exception {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    NodeConfig config = NodeConfig.loopback(c, seeds).withPolicy(policy);
    if (dataDir != null) {
      config = config.withDataDir(dataDir).withRegistry(following());
    }
    Node node = Node.start(config, metrics, RevocationCheck.NONE);
    nodes.add(node);
    registries.add(metrics);
    admins.add(new AdminServer(new InetSocketAddress("127.0.0.1", 0),
        new AdminServer.Content(() -> node.view().members(), node::health, metrics)));
    return node;
  }

  /** How many member entries the views hold once complete: each node sees the nodes the policy lets it see. */
  private int visibleEntries(List<Credentials> credentials) {
    int n = 0;
    for (Credentials viewer : credentials) {
      for (Credentials subject : credentials) {
        n += authorizer.mayView(Principal.valid(viewer.identity()), subject.identity()) ? 1 : 0;
      }
    }
    return n;
  }

  private boolean mayView(Node viewer, Node subject) {
    return authorizer.mayView(Principal.valid(viewer.identity()), subject.identity());
  }

  private static String tenantOf(Node n) {
    return n.identity().tenant().orElse("-");
  }

  private int countAll(Status status) {
    int n = 0;
    for (Node node : nodes) {
      for (MembershipView.Member m : node.view().members()) {
        if (m.status() == status) {
          n++;
        }
      }
    }
    return n;
  }

  /** Waits with a deadline, printing a progress line about once a second. */
  private void await(PrintWriter out, String what, BooleanSupplier done, java.util.function.Supplier<String> progress)
      throws InterruptedException {
    long start = System.nanoTime();
    long lastPrint = start;
    while (!done.getAsBoolean()) {
      long now = System.nanoTime();
      if (now - start > STEP_TIMEOUT.toNanos()) {
        throw new IllegalStateException(what + " did not finish within " + STEP_TIMEOUT.toSeconds() + " s: " + progress.get());
      }
      if (now - lastPrint > TimeUnit.SECONDS.toNanos(1)) {
        out.printf("      %s... %s (%.0f s)%n", what, progress.get(), (now - start) / 1e9);
        out.flush();
        lastPrint = now;
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  private static void printTable(PrintWriter out, MembershipView view) {
    out.printf("      %-8s %-6s %-8s %-4s %s%n", "STATUS", "TENANT", "NAME", "INC", "ADDRESS");
    for (MembershipView.Member m : view.members()) {
      // A departed member learned from a join answer comes without an address.
      out.printf("      %-8s %-6s %-8s %-4d %s%n", m.status(), m.tenant(), m.name(), m.incarnation(),
          m.address() == null ? "-" : m.address());
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private synchronized void stopAll() {
    for (AdminServer a : admins) {
      a.close();
    }
    admins.clear();
    for (Node n : nodes) {
      n.close();
    }
    nodes.clear();
    if (registry != null) {
      try {
        registry.close();
      } catch (java.io.IOException e) {
        spec.commandLine().getErr().println("hearsay demo: closing the registry: " + e.getMessage());
      }
      registry = null;
    }
  }
}
