package dev.hearsay.bench.cluster;

import dev.hearsay.bench.BenchPki;
import dev.hearsay.bench.measure.Deadline;
import dev.hearsay.bench.measure.SocketBytes;
import dev.hearsay.crypto.Credentials;
import dev.hearsay.overlay.core.Status;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One process of a cluster spread over several: it holds a slice of the nodes (a {@link
 * HearsayCluster} with certificates from the CA the coordinator saved) and answers the coordinator's
 * one-line commands on stdin with one line on stdout. Progress goes to stderr. Started by {@link
 * HostProcess}; the commands are listed there. The process outlives one cluster, so a cluster
 * measured after the warm-up cluster runs on a warm JIT, as in a single JVM.
 */
public final class NodeHost {
  private final BenchPki pki;
  private final SocketBytes socketBytes = new SocketBytes();
  private HearsayCluster cluster;
  private List<Credentials> prepared = List.of();
  private int nextPrepared;

  /** Commands about the process itself, which make sense before the first cluster and after one closed. */
  private static final java.util.Set<String> NEED_NO_CLUSTER = java.util.Set.of("cluster", "exit", "usage", "heap", "bytes");

  private NodeHost(BenchPki pki) {
    this.pki = pki;
  }

  /** {@code NodeHost <ca-dir>}: the CA the coordinator saved, so nodes of every host trust each other. */
  public static void main(String[] args) throws Exception {
    if (System.getProperty("hearsay.bench.log") == null) {
      System.setProperty("hearsay.bench.log", "WARN");
    }
    NodeHost host = new NodeHost(BenchPki.load(Path.of(args[0])));
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    host.socketBytes.start();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        String reply;
        try {
          reply = host.answer(line.trim().split(" "));
        } catch (Exception | Error e) {
          reply = "error " + String.valueOf(e).replace('\n', ' ');
        }
        out.println(reply);
        if (reply.equals("bye")) {
          break;
        }
      }
    } finally {
      host.closeCluster(); // also when the coordinator went away (stdin closed)
      host.socketBytes.close();
    }
    System.exit(0);
  }

  private void closeCluster() {
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
  }

  private String answer(String[] c) throws Exception {
    if (cluster == null && !NEED_NO_CLUSTER.contains(c[0])) {
      return "error no cluster: send 'cluster' first";
    }
    return switch (c[0]) {
      case "cluster" -> {
        // cluster <prefix> <profile> <seeds> <idle-timeout-s> <max-frame-bytes> <stagger-ms>: a new, empty slice
        closeCluster();
        long stagger = Long.parseLong(c[6]);
        cluster = new HearsayCluster(pki, new HearsayCluster.Settings(Integer.parseInt(c[3]), stagger > 0, stagger, c[2],
            Long.parseLong(c[4]), Integer.parseInt(c[5])), c[1]);
        prepared = List.of();
        nextPrepared = 0;
        yield "ok";
      }
      case "prepare" -> {
        prepared = cluster.credentials(Integer.parseInt(c[1]), Integer.parseInt(c[2]));
        nextPrepared = 0;
        yield "ok";
      }
      case "start" -> {
        // start <timeout-s> <count> [seed,seed,...]: the next count prepared nodes; without seeds they make them.
        int count = Math.min(Integer.parseInt(c[2]), prepared.size() - nextPrepared);
        List<String> seeds = c.length > 3 ? new ArrayList<>(Arrays.asList(c[3].split(","))) : new ArrayList<>();
        cluster.startSeeded(prepared.subList(nextPrepared, nextPrepared + count), seeds,
            Deadline.in(Duration.ofSeconds(Long.parseLong(c[1]))));
        nextPrepared += count;
        yield "started " + cluster.started() + " " + String.join(",", seeds);
      }
      case "alive" -> "alive " + Arrays.stream(cluster.aliveCounts()).mapToObj(Integer::toString).collect(Collectors.joining(" "));
      case "marked" -> "marked " + count(c[1], s -> s == Status.SUSPECT || s == Status.DEAD) + " " + count(c[1], s -> s == Status.DEAD);
      case "crash" -> {
        cluster.crash(Integer.parseInt(c[1]));
        yield "ok";
      }
      case "name" -> "name " + cluster.name(Integer.parseInt(c[1])) + " " + cluster.nodes().get(Integer.parseInt(c[1])).identity().uri();
      case "usage" -> "usage " + dev.hearsay.bench.measure.ProcessStats.cpuNanos() + " " + dev.hearsay.bench.measure.ProcessStats.threads()
          + " " + dev.hearsay.bench.measure.ProcessStats.openFds();
      case "bytes" -> {
        SocketBytes.Window w = socketBytes.between(Instant.ofEpochMilli(Long.parseLong(c[1])), Instant.ofEpochMilli(Long.parseLong(c[2])));
        yield "bytes " + w.bytes() + " " + w.writes();
      }
      case "heap" -> "heap " + dev.hearsay.bench.measure.Heap.usedAfterGc();
      case "hits" -> "hits" + Arrays.stream(cluster.verifyCacheHitRatios()).mapToObj(v -> String.format(Locale.ROOT, " %.6f", v))
          .collect(Collectors.joining());
      case "rejections" -> "rejections" + cluster.rejectionsByReason().entrySet().stream()
          .map(e -> " " + e.getKey().replace(' ', '_') + "=" + e.getValue()).collect(Collectors.joining());
      case "stragglers" -> {
        cluster.logStragglers(Integer.parseInt(c[1]));
        yield "ok";
      }
      case "close" -> {
        closeCluster();
        yield "closed";
      }
      case "exit" -> "bye";
      default -> "error unknown command " + c[0];
    };
  }

  /** How many of this host's running nodes, other than the subject, show it with a status {@code test} accepts. */
  private int count(String subjectUri, java.util.function.Predicate<Status> test) {
    int n = 0;
    for (int i = 0; i < cluster.started(); i++) {
      var node = cluster.nodes().get(i);
      if (cluster.running(i) && !node.identity().uri().equals(subjectUri) && test.test(node.view().statusOf(subjectUri))) {
        n++;
      }
    }
    return n;
  }
}
