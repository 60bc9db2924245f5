package dev.hearsay.chaos;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.chaos.adversary.Adversary;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.node.Addresses;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every scenario shares: a fresh cluster per test (removed afterwards, pass or fail), the
 * adversary program run in containers of its own, an insider the test JVM plays where a scenario
 * needs an honest relay, the checks every scenario ends with (honest views agree, no honest node DEAD
 * or REVOKED), and a row in the results table.
 */
abstract class ClusterScenario {
  static final Duration CONVERGE = Duration.ofSeconds(60);
  static final Duration SETTLE = Duration.ofSeconds(30);
  static final String ADVERSARY = "mallory";
  /** The identity of the adversary program, which runs in a container of its own. */
  static final String PROGRAM = "trudy";
  static final String PROGRAM_URI = "spiffe://" + ChaosPki.DOMAIN + "/tenant/blue/node/" + PROGRAM;
  static final Duration PROGRAM_TIMEOUT = Duration.ofSeconds(90);

  @TempDir Path dir;
  ChaosCluster cluster;
  Adversary adversary;
  /** The incarnation of the adversary's latest own ALIVE; each marker is newer than the last. */
  long adversaryIncarnation;
  private final List<String> figures = new ArrayList<>();
  private String scenario;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  /** One results table per test class, printed when the class is done. */
  private static final Map<Class<?>, Results> RESULTS = new java.util.concurrent.ConcurrentHashMap<>();

  private Results results() {
    return RESULTS.computeIfAbsent(getClass(), c -> new Results());
  }

  @AfterAll
  static void printResults(TestInfo info) throws Exception {
    Results r = RESULTS.remove(info.getTestClass().orElseThrow());
    if (r != null) {
      r.print(info.getDisplayName());
    }
  }

  ChaosCluster.Topology topology() {
    return ChaosCluster.Topology.standard();
  }

  /** The cluster for one test: the class's {@link #topology()} unless a scenario needs its own. */
  ChaosCluster.Topology topology(TestInfo test) {
    return topology();
  }

  @BeforeEach
  void startCluster(TestInfo info) throws Exception {
    DockerEngine.requireOrSkip();
    scenario = info.getDisplayName();
    long start = System.nanoTime();
    cluster = ChaosCluster.start(dir, topology(info));
    Duration converged = awaitAllAlive(cluster.nodes(), names(cluster.nodes()));
    figure("cluster up %.1f s (views complete %.1f s after all listened)", (System.nanoTime() - start) / 1e9, secs(converged));
  }

  @AfterEach
  void stopCluster() {
    boolean passed = figures.stream().noneMatch(f -> f.startsWith("FAILED"));
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        System.err.println("cleanup: " + e);
      }
    }
    if (adversary != null) {
      adversary.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    if (scenario != null) {
      results().add(scenario, passed, String.join("; ", figures));
    }
  }

  /** Runs the scenario body, so a failure is recorded in the table before it propagates. */
  void run(ThrowingBody body) throws Exception {
    try {
      body.run();
    } catch (Exception | Error e) {
      figures.add("FAILED: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
      throw e;
    }
  }

  interface ThrowingBody {
    void run() throws Exception;
  }

  void figure(String format, Object... args) {
    String f = String.format(java.util.Locale.ROOT, format, args);
    figures.add(f);
    System.out.println(scenario + ": " + f);
  }

  static double secs(Duration d) {
    return d.toMillis() / 1e3;
  }

  static List<String> names(List<ClusterNode> nodes) {
    return nodes.stream().map(n -> n.name).toList();
  }

  /** Until every one of {@code observers} lists every one of {@code names} ALIVE. */
  Duration awaitAllAlive(List<ClusterNode> observers, List<String> names) throws InterruptedException {
    return awaitStatus(observers, names, "ALIVE", CONVERGE);
  }

  Duration awaitStatus(List<ClusterNode> observers, List<String> names, String status, Duration timeout) throws InterruptedException {
    return Await.until(timeout, names + " " + status + " at " + observers, () -> {
      for (ClusterNode o : observers) {
        MemberView v = o.members();
        for (String n : names) {
          if (!v.statusOf(n).equals(status)) {
            return false;
          }
        }
      }
      return true;
    }, cluster::describe);
  }

  /**
   * The end of every scenario: every honest node lists every honest node ALIVE, so their views agree
   * on that part. A DEAD or REVOKED honest node fails at once; a SUSPECT must be refuted within
   * {@link #SETTLE}, and one seen on the way is printed, since SWIM lets a late probe raise one.
   */
  void assertHonestIntact(List<ClusterNode> honest) throws Exception {
    List<String> honestNames = names(honest);
    java.util.Set<String> onTheWay = new java.util.TreeSet<>();
    long start = System.nanoTime();
    Await.until(SETTLE, "every honest node ALIVE at every honest node", () -> {
      boolean settled = true;
      for (ClusterNode o : honest) {
        MemberView v = o.members();
        for (String n : honestNames) {
          String s = v.statusOf(n);
          assertTrue(!s.equals("DEAD") && !s.equals("REVOKED"), o + " sees " + n + " " + s + ":\n" + cluster.describe());
          if (!s.equals("ALIVE")) {
            onTheWay.add(o.name + " saw " + n + " " + s);
            settled = false;
          }
        }
      }
      return settled;
    }, cluster::describe);
    if (!onTheWay.isEmpty()) {
      figure("honest views all ALIVE %.1f s into the final check (on the way: %s)", (System.nanoTime() - start) / 1e9,
          String.join(", ", onTheWay));
    }
  }

  /**
   * Watches every honest view for the whole {@code window} (a fault's duration, not a wait for a
   * condition) and fails at the first honest node DEAD or REVOKED anywhere; returns the statuses seen.
   */
  java.util.Set<String> watchHonest(List<ClusterNode> observers, List<String> honestNames, Duration window) throws Exception {
    java.util.Set<String> seen = new java.util.TreeSet<>();
    long end = System.nanoTime() + window.toNanos();
    while (System.nanoTime() - end < 0) {
      for (ClusterNode o : observers) {
        MemberView v;
        try {
          v = o.members();
        } catch (java.io.IOException unreachable) {
          continue; // a paused or cut-off observer cannot answer; what the others say is what counts
        }
        for (String n : honestNames) {
          String s = v.statusOf(n);
          seen.add(s);
          assertTrue(!s.equals("DEAD") && !s.equals("REVOKED"), o + " declared " + n + " " + s + ":\n" + cluster.describe());
        }
      }
      java.util.concurrent.TimeUnit.MILLISECONDS.sleep(200); // the sampling period of the watch
    }
    return seen;
  }

  // ---- the adversary ------------------------------------------------------------------------

  /** Starts the adversary ({@code blue/mallory}) listening on the host's address on the cluster network. */
  Adversary adversary() throws Exception {
    if (adversary == null) {
      adversary = new Adversary(cluster.pki.inMemory("blue", ADVERSARY));
      adversary.listen(new InetSocketAddress(cluster.gateway(), 0));
    }
    return adversary;
  }

  /** The adversary joins through {@code seed} with its own honest ALIVE, and is ALIVE everywhere. */
  void adversaryJoins(ClusterNode seed) throws Exception {
    Channel ch = connect(seed);
    adversary().send(ch, Adversary.gossip(adversary.selfAlive(++adversaryIncarnation)));
    Duration took = awaitStatus(cluster.nodes(), List.of(ADVERSARY), "ALIVE", CONVERGE);
    figure("adversary ALIVE everywhere %.1f s after joining", secs(took));
  }

  Channel connect(ClusterNode node) throws Exception {
    return connect(adversary(), node);
  }

  Channel connect(Adversary a, ClusterNode node) throws Exception {
    Channel ch = a.connect(gossipAddress(node), dev.hearsay.crypto.NodeIdentity.parse(node.uri));
    closeables.add(ch::close);
    return ch;
  }

  /**
   * Runs {@code hearsay-adversary attack} as {@code blue/trudy} against {@code target} in a container
   * of its own, with {@code more} arguments; returns its report once it exited 0.
   */
  com.fasterxml.jackson.databind.JsonNode attack(String attack, ClusterNode target, String... more) throws Exception {
    return startAttack(attack, target, more).awaitReport(PROGRAM_TIMEOUT);
  }

  /** The program's flags that make it join through its target, answering pings at its own address. */
  static String[] joining(String... more) {
    List<String> args = new ArrayList<>(List.of("--listen", "{ip}:" + ClusterNode.GOSSIP_PORT, "--join"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  AdversaryProgram startAttack(String attack, ClusterNode target, String... more) throws Exception {
    return startAttackAs("blue", PROGRAM, attack, target, more);
  }

  /** {@link #startAttack} as {@code tenant/name}: another insider, with a certificate of its own. */
  AdversaryProgram startAttackAs(String tenant, String name, String attack, ClusterNode target, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of(attack, "--cert-dir", "{cert-dir}",
        "--target", target.ip + ":" + ClusterNode.GOSSIP_PORT, "--target-id", target.uri));
    args.addAll(List.of(more));
    return cluster.adversaryProgram(tenant, name, args.toArray(String[]::new));
  }

  static InetSocketAddress gossipAddress(ClusterNode node) {
    return Addresses.parse(node.ip + ":" + ClusterNode.GOSSIP_PORT);
  }

  void send(Channel ch, Message m) throws InterruptedException {
    adversary.send(ch, m);
  }
}
