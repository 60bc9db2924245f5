package dev.hearsay.bench.cluster;

import static dev.hearsay.bench.measure.BenchLog.log;

import dev.hearsay.bench.BenchPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The host processes a cluster benchmark spreads its nodes over, started once and kept for every
 * cluster of the run (the warm-up one included). One process holds about 20,000 sockets here (the
 * hard file-descriptor limit), which N nodes in one JVM pass at N ≈ 140.
 */
public final class HostPool implements AutoCloseable {
  private final Path caDir;
  private final List<HostProcess> hosts = new ArrayList<>();

  private HostPool(Path caDir) {
    this.caDir = caDir;
  }

  /** Starts {@code processes} host JVMs of {@code heap} each that issue node certificates from {@code pki}'s CA. */
  public static HostPool start(BenchPki pki, int processes, String heap) throws IOException {
    Path dir = Files.createTempDirectory("hearsay-bench-ca");
    pki.ca().save(dir, false);
    HostPool pool = new HostPool(dir);
    try {
      for (int i = 0; i < processes; i++) {
        pool.hosts.add(HostProcess.start("host-" + i, dir, heap));
      }
    } catch (IOException | RuntimeException e) {
      pool.close();
      throw e;
    }
    log("%d host processes started (-Xmx%s each)", processes, heap);
    return pool;
  }

  List<HostProcess> hosts() {
    return hosts;
  }

  public int size() {
    return hosts.size();
  }

  @Override
  public void close() {
    hosts.forEach(HostProcess::close);
    hosts.clear();
    try (Stream<Path> files = Files.list(caDir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(caDir);
    } catch (IOException e) {
      log("could not remove %s: %s", caDir, e);
    }
  }
}
