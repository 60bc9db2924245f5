package dev.hearsay.chaos;

import com.github.dockerjava.api.DockerClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.MountableFile;

/**
 * A seed registry and nodes of two tenants, each {@code hearsay} in its own container on a network of
 * the test's own, with real certificates and mutual TLS. Addresses are fixed per container (the
 * network has its own subnet), so a node keeps its address across a restart or a reconnect. Closing
 * removes every container and the network, also after a failure: Ryuk, the reaper, cannot run here.
 */
final class ChaosCluster implements AutoCloseable {
  static final String JAR = "/opt/hearsay/hearsay.jar";
  static final int REGISTRY_PORT = 9443;
  private static final Duration STARTUP = Duration.ofSeconds(120);
  /** Adversary programs get addresses from .50 up; nodes have .10 up, the registry .2. */
  private static final int ADVERSARY_HOSTS = 50;
  /** Small heaps and one GC thread: six JVMs share two cores with whatever else the machine runs. */
  private static final String JAVA = "exec java -XX:+UseSerialGC -Xms32m -Xmx160m -XX:ActiveProcessorCount=2";

  /**
   * Which nodes to run: name and tenant (the first one is everybody's seed), extra node flags, and the
   * policy every node runs with.
   */
  record Topology(Map<String, String> tenantsByName, List<String> nodeArgs, String policy, Map<String, List<String>> argsByTenant,
      String nodeConfig) {
    /** Both tenants' membership visible to each other (private metadata still stays in its tenant). */
    static final String SHARED_TENANTS = """
        version: 1
        tenants:
          - name: blue
            membership: shared
          - name: green
            membership: shared
        """;

    /**
     * Three nodes of tenant blue and two of green, following the registry; the tenants see each
     * other, so every node's view holds all five.
     */
    static Topology standard() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("blue-1", "blue");
      m.put("blue-2", "blue");
      m.put("blue-3", "blue");
      m.put("green-1", "green");
      m.put("green-2", "green");
      return new Topology(m, List.of(), SHARED_TENANTS, Map.of(), null);
    }

    Topology withNodeArgs(String... args) {
      return new Topology(tenantsByName, List.of(args), policy, argsByTenant, nodeConfig);
    }

    /** Flags only the nodes of {@code tenant} get, after the common ones. */
    Topology withTenantArgs(String tenant, String... args) {
      Map<String, List<String>> m = new LinkedHashMap<>(argsByTenant);
      m.put(tenant, List.of(args));
      return new Topology(tenantsByName, nodeArgs, policy, m, nodeConfig);
    }

    /** A node YAML file ({@code node run --config}) every node gets, for tuning no flag sets. */
    Topology withNodeConfig(String yaml) {
      return new Topology(tenantsByName, nodeArgs, policy, argsByTenant, yaml);
    }

    List<String> argsOf(String tenant) {
      List<String> all = new ArrayList<>(nodeArgs);
      all.addAll(argsByTenant.getOrDefault(tenant, List.of()));
      return all;
    }
  }

  final ChaosPki pki;
  final Faults faults;
  private final Network network;
  private final String subnetPrefix;
  private final List<GenericContainer<?>> started = new ArrayList<>();
  private final Map<String, ClusterNode> nodes = new LinkedHashMap<>();
  private GenericContainer<?> registry;
  private final String policy;
  /** The YAML every node runs with ({@code --config}), or null for none. */
  private final String nodeConfig;
  private int adversaries;
  /** Each program identity's certificate folder: issued once, reused by its later runs. */
  private final Map<String, Path> programCerts = new HashMap<>();

  private ChaosCluster(Path dir, String policy, String nodeConfig) {
    this.pki = new ChaosPki(dir);
    this.policy = policy;
    this.nodeConfig = nodeConfig;
    // A /24 of its own per cluster, so addresses can be fixed; 10.200-249.x is rarely in use.
    ThreadLocalRandom r = ThreadLocalRandom.current();
    this.subnetPrefix = "10." + r.nextInt(200, 250) + "." + r.nextInt(0, 256) + ".";
    this.network = Network.builder()
        .createNetworkCmdModifier(cmd -> cmd.withIpam(new com.github.dockerjava.api.model.Network.Ipam()
            .withConfig(new com.github.dockerjava.api.model.Network.Ipam.Config()
                .withSubnet(subnetPrefix + "0/24").withGateway(gateway()))))
        .build();
    this.faults = new Faults(DockerClientFactory.instance().client(), this);
  }

  /** Starts the registry, then every node at once, and returns when each says it listens. */
  static ChaosCluster start(Path dir, Topology topology) throws Exception {
    String image = ChaosImage.name();
    ChaosCluster cluster = new ChaosCluster(dir, topology.policy(), topology.nodeConfig());
    try {
      cluster.network.getId(); // created now, so a subnet clash fails here, before any container
      cluster.startRegistry(image);
      List<GenericContainer<?>> containers = new ArrayList<>();
      int i = 0;
      String seed = topology.tenantsByName().keySet().iterator().next();
      for (Map.Entry<String, String> e : topology.tenantsByName().entrySet()) {
        containers.add(cluster.nodeContainer(image, e.getKey(), e.getValue(), 10 + i++,
            e.getKey().equals(seed) ? null : seed, topology.argsOf(e.getValue())));
      }
      cluster.started.addAll(containers);
      Startables.deepStart(containers).join();
      return cluster;
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  private void startRegistry(String image) throws Exception {
    Path certs = pki.registry();
    Path ops = pki.operator();
    registry = new GenericContainer<>(image)
        .withNetwork(network)
        .withNetworkAliases("registry")
        .withCreateContainerCmdModifier(cmd -> cmd.withIpv4Address(registryIp()))
        .withCopyFileToContainer(MountableFile.forHostPath(certs), "/pki")
        .withCopyFileToContainer(MountableFile.forHostPath(ops), "/ops")
        .withCommand("sh", "-c", JAVA + " -jar " + JAR + " registry run --cert-dir /pki --bind " + registryIp() + ":"
            + REGISTRY_PORT + " --data-dir /data/registry")
        .waitingFor(Wait.forLogMessage(".*serving on.*\\n", 1).withStartupTimeout(STARTUP));
    started.add(registry);
    registry.start();
  }

  private GenericContainer<?> nodeContainer(String image, String name, String tenant, int host, String seed, List<String> extra)
      throws Exception {
    Path certs = pki.node(tenant, name);
    Path policy = Files.writeString(certs.resolveSibling(name + "-policy.yaml"), this.policy);
    String ip = subnetPrefix + host;
    StringBuilder command = new StringBuilder(JAVA).append(" -jar ").append(JAR)
        .append(" node run --cert-dir /pki --bind ").append(ip).append(':').append(ClusterNode.GOSSIP_PORT)
        .append(" --admin 0.0.0.0:").append(ClusterNode.ADMIN_PORT) // loopback by default; the test reads it from outside
        .append(" --policy /policy.yaml")
        .append(" --data-dir /data/node --registry https://").append(registryIp()).append(':').append(REGISTRY_PORT);
    if (seed != null) {
      command.append(" --seeds ").append(seed).append(':').append(ClusterNode.GOSSIP_PORT);
    }
    extra.forEach(a -> command.append(' ').append(a));
    if (nodeConfig != null) {
      command.append(" --config /node.yaml");
    }
    GenericContainer<?> c = new GenericContainer<>(image)
        .withNetwork(network)
        .withNetworkAliases(name)
        .withCreateContainerCmdModifier(cmd -> cmd.withIpv4Address(ip).withName("hearsay-chaos-" + name + "-" + subnetPrefix.replace('.', '-') + host))
        .withCopyFileToContainer(MountableFile.forHostPath(certs), "/pki")
        .withCopyFileToContainer(MountableFile.forHostPath(policy), "/policy.yaml")
        .withEnv("HEARSAY_LOG_LEVEL", "INFO")
        .withCommand("sh", "-c", command.toString())
        .waitingFor(Wait.forLogMessage(".*listening on.*\\n", 1).withStartupTimeout(STARTUP));
    if (nodeConfig != null) {
      c.withCopyFileToContainer(MountableFile.forHostPath(Files.writeString(certs.resolveSibling(name + "-node.yaml"), nodeConfig)),
          "/node.yaml");
    }
    nodes.put(name, new ClusterNode(name, tenant, "spiffe://" + ChaosPki.DOMAIN + "/tenant/" + tenant + "/node/" + name, c, ip));
    return c;
  }

  /**
   * Starts {@code hearsay-adversary args...} in a container of its own at the next free address, as
   * {@code tenant/name} with a valid certificate of the overlay; {@code {cert-dir}} in the args stands
   * for its certificate folder and {@code {ip}} for its address.
   */
  AdversaryProgram adversaryProgram(String tenant, String name, String... args) throws Exception {
    Path certs = programCerts.get(tenant + "/" + name);
    if (certs == null) {
      certs = pki.node(tenant, name);
      programCerts.put(tenant + "/" + name, certs);
    }
    String ip = subnetPrefix + (ADVERSARY_HOSTS + adversaries++);
    StringBuilder line = new StringBuilder("hearsay-adversary");
    for (String a : args) {
      line.append(' ').append(a.replace("{cert-dir}", "/pki").replace("{ip}", ip));
    }
    String command = JAVA + " -jar " + ChaosImage.ADVERSARY_JAR + line.substring("hearsay-adversary".length());
    GenericContainer<?> c = new GenericContainer<>(ChaosImage.adversary())
        .withNetwork(network)
        .withCreateContainerCmdModifier(cmd -> cmd.withIpv4Address(ip).withName("hearsay-chaos-" + name + "-" + ip.replace('.', '-')))
        .withCopyFileToContainer(MountableFile.forHostPath(certs), "/pki")
        .withCommand("sh", "-c", command)
        // Started is enough: an attack may end at once, and its exit code is read with its report.
        .withStartupCheckStrategy(new org.testcontainers.containers.startupcheck.StartupCheckStrategy() {
          @Override
          public StartupStatus checkStartupState(DockerClient docker, String containerId) {
            return StartupStatus.SUCCESSFUL;
          }
        });
    started.add(c);
    c.start();
    System.out.println("started " + line + " at " + ip);
    return new AdversaryProgram(c, line.toString());
  }

  List<ClusterNode> nodes() {
    return List.copyOf(nodes.values());
  }

  ClusterNode node(String name) {
    ClusterNode n = nodes.get(name);
    if (n == null) {
      throw new IllegalArgumentException("no node " + name);
    }
    return n;
  }

  List<ClusterNode> except(ClusterNode... excluded) {
    List<ClusterNode> rest = new ArrayList<>(nodes.values());
    rest.removeAll(List.of(excluded));
    return rest;
  }

  /** The host's own address on the cluster's network: where the adversary in the test JVM listens. */
  String gateway() {
    return subnetPrefix + "1";
  }

  String registryIp() {
    return subnetPrefix + "2";
  }

  GenericContainer<?> registryContainer() {
    return registry;
  }

  String networkId() {
    return network.getId();
  }

  /** A node identity of {@code tenant} no node runs: what the registry can revoke without touching a member. */
  static String absentUri(String tenant, String name) {
    return "spiffe://" + ChaosPki.DOMAIN + "/tenant/" + tenant + "/node/" + name;
  }

  /** {@code hearsay revoke --node uri} as an operator runs it, from inside the registry's container. */
  ExecResult revoke(String uri) throws Exception {
    return registry.execInContainer("sh", "-c", "java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar " + JAR
        + " revoke --registry https://" + registryIp() + ":" + REGISTRY_PORT + " --cert-dir /ops --node " + uri
        + " --reason chaos-test 2>&1");
  }

  /** Every node's view, for failure messages. */
  String describe() {
    return nodes.values().stream().map(n -> {
      try {
        return n.name + ": " + n.members();
      } catch (Exception e) {
        return n.name + ": (" + e.getMessage() + ")";
      }
    }).collect(Collectors.joining("\n"));
  }

  /** The last lines of a node's output, for failure messages. */
  static String tail(GenericContainer<?> c, int lines) {
    try {
      String[] all = c.getLogs().split("\n");
      return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    } catch (RuntimeException e) {
      return "(no logs: " + e.getMessage() + ")";
    }
  }

  DockerClient docker() {
    return DockerClientFactory.instance().client();
  }

  @Override
  public void close() {
    faults.healAll();
    for (GenericContainer<?> c : started) {
      try {
        c.stop();
      } catch (RuntimeException e) {
        System.err.println("could not remove container " + c.getContainerId() + ": " + e);
      }
    }
    try {
      network.close();
    } catch (RuntimeException e) {
      System.err.println("could not remove network: " + e);
    }
  }
}
