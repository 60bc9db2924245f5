package dev.hearsay.chaos;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Faults injected into a cluster's containers: crash ({@code kill -9}), restart, pause, disconnect and
 * reconnect, one link cut, and random loss. Links and loss are iptables rules inside the node's own
 * network namespace (entered with nsenter), so nothing outside the test's containers is touched.
 * Whatever is still paused or filtered is undone by {@link #healAll}.
 */
final class Faults {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);

  private final DockerClient docker;
  private final ChaosCluster cluster;
  private final Set<ClusterNode> paused = new LinkedHashSet<>();
  private final Set<ClusterNode> filtered = new LinkedHashSet<>();

  Faults(DockerClient docker, ChaosCluster cluster) {
    this.docker = docker;
    this.cluster = cluster;
  }

  /** SIGKILL to the node's JVM (no LEAVE), then waits until the container has stopped. */
  void kill9(ClusterNode node) throws InterruptedException {
    kill9(id(node), node.name);
  }

  /** SIGKILL to the registry's JVM, then waits until its container has stopped. */
  void kill9Registry() throws InterruptedException {
    kill9(cluster.registryContainer().getContainerId(), "registry");
  }

  /** Starts the registry's container again: same data directory, same address. */
  void restartRegistry() {
    docker.startContainerCmd(cluster.registryContainer().getContainerId()).exec();
  }

  private void kill9(String id, String name) throws InterruptedException {
    docker.killContainerCmd(id).withSignal("KILL").exec();
    Await.until(COMMAND_TIMEOUT, name + " to stop", () -> !Boolean.TRUE.equals(
        docker.inspectContainerCmd(id).exec().getState().getRunning()), () -> "");
  }

  /** Starts a stopped node's container again: same data directory, same address. */
  void restart(ClusterNode node) {
    docker.startContainerCmd(id(node)).exec();
  }

  /** SIGSTOP of every process in the container, as a long GC pause would look. */
  void pause(ClusterNode node) {
    docker.pauseContainerCmd(id(node)).exec();
    paused.add(node);
  }

  void unpause(ClusterNode node) {
    docker.unpauseContainerCmd(id(node)).exec();
    paused.remove(node);
  }

  void disconnect(ClusterNode node) {
    docker.disconnectFromNetworkCmd().withNetworkId(cluster.networkId()).withContainerId(id(node)).exec();
  }

  /** Reconnects with the same alias (or the name stops resolving) and the same address (the node is bound to it). */
  void reconnect(ClusterNode node) {
    docker.connectToNetworkCmd().withNetworkId(cluster.networkId()).withContainerId(id(node))
        .withContainerNetwork(new ContainerNetwork().withAliases(node.name)
            .withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(node.ip)))
        .exec();
  }

  /** Drops everything between {@code a} and {@code b}, both ways, in {@code a}'s namespace. */
  void cutLink(ClusterNode a, ClusterNode b) throws IOException, InterruptedException {
    cutAddress(a, b.ip);
  }

  /** Drops everything between {@code a} and the address {@code ip} (the registry's, say), both ways. */
  void cutAddress(ClusterNode a, String ip) throws IOException, InterruptedException {
    iptables(a, "-A", "INPUT", "-s", ip, "-j", "DROP");
    iptables(a, "-A", "OUTPUT", "-d", ip, "-j", "DROP");
  }

  /** Drops {@code share} (0..1) of the node's packets at random, in and out. */
  void dropShare(ClusterNode node, double share) throws IOException, InterruptedException {
    String p = String.format(java.util.Locale.ROOT, "%.3f", share);
    iptables(node, "-A", "INPUT", "-m", "statistic", "--mode", "random", "--probability", p, "-j", "DROP");
    iptables(node, "-A", "OUTPUT", "-m", "statistic", "--mode", "random", "--probability", p, "-j", "DROP");
  }

  /** Removes every rule this class added in the node's namespace. */
  void heal(ClusterNode node) throws IOException, InterruptedException {
    iptables(node, "-F", "INPUT");
    iptables(node, "-F", "OUTPUT");
    filtered.remove(node);
  }

  /** Undoes pauses and filters; best effort, for cleanup after a failure. */
  void healAll() {
    for (ClusterNode n : new ArrayList<>(paused)) {
      try {
        unpause(n);
      } catch (RuntimeException e) {
        System.err.println("could not unpause " + n + ": " + e);
      }
    }
    for (ClusterNode n : new ArrayList<>(filtered)) {
      try {
        heal(n);
      } catch (Exception e) {
        System.err.println("could not clear the filters of " + n + ": " + e);
      }
    }
  }

  private void iptables(ClusterNode node, String... rule) throws IOException, InterruptedException {
    Long pid = docker.inspectContainerCmd(id(node)).exec().getState().getPidLong();
    if (pid == null || pid == 0) {
      throw new IllegalStateException(node + " is not running");
    }
    List<String> command = new ArrayList<>(List.of("nsenter", "-t", pid.toString(), "-n", "iptables", "-w"));
    command.addAll(List.of(rule));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
    if ("-A".equals(rule[0])) {
      filtered.add(node);
    }
  }

  private static String id(ClusterNode node) {
    return node.container.getContainerId();
  }
}
