package dev.hearsay.bench.cluster;

import dev.hearsay.bench.measure.Deadline;
import dev.hearsay.bench.measure.SocketBytes;
import dev.hearsay.overlay.node.Profiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * N real hearsay nodes spread over the processes of a {@link HostPool}: node {@code i} lives in the
 * host that holds its slice (contiguous slices, as even as N allows), the seeds in the first host.
 * The seeds start first; then every host starts its slice at once, all hosts in parallel. Views,
 * crashes and costs are asked of the hosts; costs are summed over them (the coordinator's own
 * polling is not counted).
 */
public final class ProcessCluster implements MeasuredCluster {
  private static final Duration ASK = Duration.ofSeconds(60);
  /** One thread per host at a time (the common pool may have a single thread on a small machine). */
  private static final java.util.concurrent.ExecutorService CALLS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "host-call");
    t.setDaemon(true);
    return t;
  });

  private final HostPool pool;
  private final HearsayCluster.Settings settings;
  private final String prefix;
  /** Where each host's slice starts; the last entry is N. */
  private int[] sliceStart = {0};
  private int started;
  private final Map<Integer, String> uris = new LinkedHashMap<>();
  private final Map<Integer, String> names = new LinkedHashMap<>();

  public ProcessCluster(HostPool pool, HearsayCluster.Settings settings, String prefix) {
    this.pool = pool;
    this.settings = settings;
    this.prefix = prefix;
  }

  @Override
  public String label() {
    return "hearsay (mTLS + signed claims), " + pool.size() + " processes";
  }

  @Override
  public String startMode() {
    return (settings.staggered() ? "staggered " + settings.staggerMillis() + " ms" : "all at once") + ", " + pool.size() + " processes";
  }

  /** Issues each host's certificates (not timed) on a fresh, empty slice per host. */
  @Override
  public void prepare(int n) {
    int hosts = pool.size();
    sliceStart = new int[hosts + 1];
    for (int h = 0; h <= hosts; h++) {
      sliceStart[h] = (int) ((long) n * h / hosts);
    }
    if (sliceStart[1] < settings.seeds()) {
      throw new IllegalArgumentException("the first host's slice (" + sliceStart[1] + " nodes) must hold the " + settings.seeds() + " seeds");
    }
    onEveryHost((h, host) -> {
      // Staggered: each host spaces its own starts P times as far apart, so the whole cluster starts at the asked rate.
      long stagger = settings.staggered() ? settings.staggerMillis() * pool.size() : 0;
      host.ask(String.join(" ", "cluster", prefix, settings.profile(), Integer.toString(settings.seeds()),
          Long.toString(settings.idleTimeoutSeconds()), Integer.toString(settings.maxFrameBytes()), Long.toString(stagger)), "ok", ASK);
      host.ask("prepare " + sliceStart[h] + " " + (sliceStart[h + 1] - sliceStart[h]), "ok", ASK);
      return null;
    });
  }

  @Override
  public void start(int n, Deadline deadline) throws Exception {
    if (sliceStart[sliceStart.length - 1] != n) {
      prepare(n);
    }
    String[] seeded = host(0).ask("start " + seconds(deadline) + " " + settings.seeds(), "started", deadline.remaining().plusSeconds(30));
    String seeds = seeded.length > 1 ? seeded[1] : "";
    int[] counts = new int[pool.size()];
    onEveryHost((h, host) -> {
      int rest = sliceStart[h + 1] - sliceStart[h] - (h == 0 ? settings.seeds() : 0);
      String[] a = host.ask("start " + seconds(deadline) + " " + rest + " " + seeds, "started", deadline.remaining().plusSeconds(30));
      counts[h] = Integer.parseInt(a[0]);
      return null;
    });
    started = Arrays.stream(counts).sum();
  }

  private static long seconds(Deadline d) {
    return Math.max(1, d.remaining().toSeconds());
  }

  @Override
  public int started() {
    return started;
  }

  @Override
  public int[] aliveCounts() {
    List<int[]> parts = onEveryHost((h, host) -> Arrays.stream(host.ask("alive", "alive", ASK)).mapToInt(Integer::parseInt).toArray());
    return parts.stream().flatMapToInt(Arrays::stream).toArray();
  }

  @Override
  public void crash(int index) throws Exception {
    int h = hostOf(index);
    host(h).ask("crash " + (index - sliceStart[h]), "ok", ASK);
  }

  @Override
  public int markedDead(int index) {
    return marked(index, 1);
  }

  @Override
  public int markedSuspectOrDead(int index) {
    return marked(index, 0);
  }

  private int marked(int index, int which) {
    String uri = uri(index);
    return onEveryHost((h, host) -> Integer.parseInt(host.ask("marked " + uri, "marked", ASK)[which]))
        .stream().mapToInt(Integer::intValue).sum();
  }

  @Override
  public String name(int index) {
    uri(index);
    return names.get(index);
  }

  private String uri(int index) {
    if (!uris.containsKey(index)) {
      int h = hostOf(index);
      String[] a = ask(h, "name " + (index - sliceStart[h]), "name");
      names.put(index, a[0]);
      uris.put(index, a[1]);
    }
    return uris.get(index);
  }

  /** Sockets of the fullest process: its slice's nodes each hold one end per other node. */
  @Override
  public long descriptorsNeeded(int n) {
    return (long) Math.ceil(n / (double) pool.size()) * (n - 1);
  }

  @Override
  public Duration detectionBound(int n) {
    return Duration.ofNanos(Profiles.detectionBound(Profiles.named(settings.profile()), n)).plusSeconds(30);
  }

  @Override
  public Double verifyCacheHitRatio() {
    List<double[]> parts = onEveryHost((h, host) -> Arrays.stream(host.ask("hits", "hits", ASK)).mapToDouble(Double::parseDouble).toArray());
    return HearsayCluster.median(parts.stream().flatMapToDouble(Arrays::stream).toArray());
  }

  @Override
  public Map<String, Double> rejectionsByReason() {
    Map<String, Double> by = new LinkedHashMap<>();
    for (String[] words : onEveryHost((h, host) -> host.ask("rejections", "rejections", ASK))) {
      for (String w : words) {
        int eq = w.lastIndexOf('=');
        by.merge(w.substring(0, eq), Double.parseDouble(w.substring(eq + 1)), Double::sum);
      }
    }
    return by;
  }

  @Override
  public void logStragglers(int n) {
    onEveryHost((h, host) -> host.ask("stragglers " + n, "ok", ASK));
  }

  @Override
  public long cpuNanos() {
    return usage(0).stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public int threads() {
    return (int) usage(1).stream().mapToLong(Long::longValue).sum();
  }

  /** Open descriptors of the fullest process: each process has a limit of its own. */
  @Override
  public long openFds() {
    return usage(2).stream().mapToLong(Long::longValue).max().orElse(-1);
  }

  private List<Long> usage(int which) {
    return onEveryHost((h, host) -> Long.parseLong(host.ask("usage", "usage", ASK)[which]));
  }

  @Override
  public SocketBytes.Window socketBytes(Instant from, Instant to) {
    List<long[]> parts = onEveryHost((h, host) -> {
      String[] a = host.ask("bytes " + from.toEpochMilli() + " " + to.toEpochMilli(), "bytes", ASK);
      return new long[] {Long.parseLong(a[0]), Long.parseLong(a[1])};
    });
    return new SocketBytes.Window(parts.stream().mapToLong(p -> p[0]).sum(), parts.stream().mapToLong(p -> p[1]).sum());
  }

  @Override
  public long heapAfterGc() {
    return onEveryHost((h, host) -> Long.parseLong(host.ask("heap", "heap", ASK)[0])).stream().mapToLong(Long::longValue).sum();
  }

  /** Closes every host's nodes; the host processes stay for the next cluster. */
  @Override
  public void close() {
    onEveryHost((h, host) -> host.ask("close", "closed", Duration.ofSeconds(90)));
    started = 0;
    uris.clear();
    names.clear();
  }

  // ------------------------------------------------------------------ hosts

  private interface HostCall<T> {
    T call(int index, HostProcess host) throws IOException, InterruptedException;
  }

  private HostProcess host(int h) {
    return pool.hosts().get(h);
  }

  private int hostOf(int index) {
    for (int h = 0; h < pool.size(); h++) {
      if (index < sliceStart[h + 1]) {
        return h;
      }
    }
    throw new IndexOutOfBoundsException(index + " of " + sliceStart[pool.size()]);
  }

  private String[] ask(int h, String command, String expect) {
    return unchecked(h, (index, host) -> host.ask(command, expect, ASK));
  }

  /** Runs {@code call} on host {@code h}, its checked failures turned unchecked. */
  private <T> T unchecked(int h, HostCall<T> call) {
    try {
      return call.call(h, host(h));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Runs {@code call} on every host in parallel; the results in host order. Fails if any host fails. */
  private <T> List<T> onEveryHost(HostCall<T> call) {
    List<CompletableFuture<T>> calls = new ArrayList<>();
    for (int h = 0; h < pool.size(); h++) {
      int index = h;
      calls.add(CompletableFuture.supplyAsync(() -> unchecked(index, call), CALLS));
    }
    List<T> results = new ArrayList<>();
    for (CompletableFuture<T> c : calls) {
      try {
        results.add(c.join());
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    return results;
  }
}
