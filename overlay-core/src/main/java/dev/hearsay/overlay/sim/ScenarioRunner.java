package dev.hearsay.overlay.sim;

import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.Gossip;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.MembershipConfig;
import dev.hearsay.overlay.core.MembershipEvent;
import dev.hearsay.overlay.core.Status;
import dev.hearsay.overlay.core.Suspect;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/** Runs one {@link Scenario} on a fresh {@link Simulation} and collects its figures. */
public final class ScenarioRunner {

  private static final long MS = SimulationConfig.MS;
  private static final long S = SimulationConfig.S;

  private final SimulationConfig config;
  private final Map<String, Object> metrics = new LinkedHashMap<>();
  private final SplittableRandom rng;
  private Simulation sim;
  private long wallStart;

  private ScenarioRunner(SimulationConfig config) {
    this.config = config;
    this.rng = new SplittableRandom(config.seed() ^ 0x7a11L);
  }

  /** Runs {@code config}; throws {@link InvariantViolation} (with the seed) if any view breaks a rule. */
  public static ScenarioResult run(SimulationConfig config) {
    return new ScenarioRunner(config).execute();
  }

  private ScenarioResult execute() {
    wallStart = System.nanoTime();
    HeapMeter.resetPeaks();
    switch (config.scenario()) {
      case JOIN -> join();
      case CRASH -> crash();
      case LOSSY -> lossy();
      case PARTITION -> partition();
      case ACCUSERS -> accusers(config.protocol().quorum() - 1);
    }
    metrics.put("events", sim.eventsProcessed());
    metrics.put("wall_s", (System.nanoTime() - wallStart) / 1e9);
    metrics.put("heap_peak_mb", HeapMeter.peakBytes() / (1024.0 * 1024.0));
    return new ScenarioResult(config.nodes(), config.scenario(), config.seed(), metrics);
  }

  // ---------------------------------------------------------------- shared steps

  /** Builds the cluster with nodes [0, members) converged and started, measuring view memory if asked. */
  private void buildConverged(int members) {
    long before = config.measureMemory() ? HeapMeter.usedAfterGc() : 0;
    sim = new Simulation(config);
    sim.preloadConverged(members);
    if (config.measureMemory()) {
      long after = HeapMeter.usedAfterGc();
      double entries = (double) members * members;
      metrics.put("heap_after_build_mb", after / (1024.0 * 1024.0));
      metrics.put("bytes_per_view_entry", (after - before) / entries);
    }
    for (int i = 0; i < members; i++) {
      sim.start(i);
    }
  }

  /** Runs until {@code end}, and records steady-state traffic over the second half of that time. */
  private void warmUp(long end, int members) {
    long mid = end / 2;
    sim.runUntil(mid, () -> false);
    long bytesAtMid = totalBytes(members);
    long msgsAtMid = totalMessages(members);
    sim.runUntil(end, () -> false);
    double seconds = (end - mid) / 1e9;
    metrics.put("bytes_per_node_per_s", (totalBytes(members) - bytesAtMid) / seconds / members);
    metrics.put("msgs_per_node_per_s", (totalMessages(members) - msgsAtMid) / seconds / members);
  }

  private long totalBytes(int members) {
    long sum = 0;
    for (int i = 0; i < members; i++) {
      sum += sim.bytesSent(i);
    }
    return sum;
  }

  private long totalMessages(int members) {
    long sum = 0;
    for (int i = 0; i < members; i++) {
      sum += sim.messagesSent(i);
    }
    return sum;
  }

  private static Double seconds(Long nanos) {
    return nanos == null ? null : nanos / 1e9;
  }

  // ---------------------------------------------------------------- join

  private void join() {
    int n = config.nodes();
    int members = n - 1;
    int joiner = n - 1;
    buildConverged(members);
    warmUp(4 * S, members);
    long t0 = sim.now();
    long[] times = new long[members];
    int[] count = {0};
    boolean[] knows = new boolean[members];
    MemberId joinerId = sim.id(joiner);
    sim.addListener((observer, e) -> {
      if (observer != joiner && e.subject().equals(joinerId) && e.kind() == MembershipEvent.Kind.JOINED
          && !knows[observer]) {
        knows[observer] = true;
        times[count[0]++] = sim.now() - t0;
      }
    });
    sim.start(joiner, 0, 1, 2);
    sim.runUntil(t0 + 120 * S, () -> count[0] == members);
    long[] sorted = Percentiles.sorted(times, count[0]);
    long gossip = config.protocol().gossipInterval();
    String[][] levels = {{"50", "0.5"}, {"99", "0.99"}, {"99_9", "0.999"}, {"100", "1.0"}};
    for (String[] level : levels) {
      Long t = Percentiles.atFraction(sorted, count[0], members, Double.parseDouble(level[1]));
      metrics.put("rounds_to_" + level[0], t == null ? null : (long) Math.ceil((double) t / gossip));
      metrics.put("seconds_to_" + level[0], seconds(t));
    }
    metrics.put("aware", count[0]);
    metrics.put("joiner_view_size", sim.core(joiner).memberCount());
  }

  // ---------------------------------------------------------------- crash

  private void crash() {
    int n = config.nodes();
    buildConverged(n);
    warmUp(10 * S, n);
    int victim = rng.nextInt(n);
    MemberId victimId = sim.id(victim);
    long t0 = sim.now();
    sim.crash(victim);
    long[] deadTimes = new long[n];
    boolean[] marked = new boolean[n];
    int[] dead = {0};
    long[] firstSuspect = {-1};
    Set<MemberId> falseDead = new HashSet<>();
    sim.addListener((observer, e) -> {
      if (e.subject().equals(victimId)) {
        if (e.kind() == MembershipEvent.Kind.SUSPECTED && firstSuspect[0] < 0) {
          firstSuspect[0] = sim.now() - t0;
        }
        if (e.kind() == MembershipEvent.Kind.DEAD && !marked[observer]) {
          marked[observer] = true;
          deadTimes[dead[0]++] = sim.now() - t0;
        }
      } else if (e.kind() == MembershipEvent.Kind.DEAD) {
        falseDead.add(e.subject());
      }
    });
    long bytesAtCrash = totalBytes(n);
    sim.runUntil(t0 + config.durationOr(180 * S), () -> dead[0] == n - 1);
    double window = Math.max(1, sim.now() - t0) / 1e9;
    metrics.put("bytes_per_node_per_s_while_detecting", (totalBytes(n) - bytesAtCrash) / window / (n - 1));
    long[] sorted = Percentiles.sorted(deadTimes, dead[0]);
    metrics.put("suspect_first_s", firstSuspect[0] < 0 ? null : firstSuspect[0] / 1e9);
    metrics.put("detect_first_s", dead[0] == 0 ? null : sorted[0] / 1e9);
    metrics.put("detect_all_median_s", seconds(Percentiles.atFraction(sorted, dead[0], n - 1, 0.5)));
    metrics.put("detect_all_p99_s", seconds(Percentiles.atFraction(sorted, dead[0], n - 1, 0.99)));
    metrics.put("detect_all_max_s", seconds(Percentiles.atFraction(sorted, dead[0], n - 1, 1.0)));
    metrics.put("detected_by", dead[0]);
    metrics.put("false_dead", falseDead.size());
  }

  // ---------------------------------------------------------------- lossy

  private void lossy() {
    int n = config.nodes();
    buildConverged(n);
    warmUp(10 * S, n);
    int lossyCount = Math.max(1, n / 100);
    Set<Integer> lossy = new HashSet<>();
    while (lossy.size() < lossyCount) {
      lossy.add(rng.nextInt(n));
    }
    Set<MemberId> lossyIds = new HashSet<>();
    for (int i : lossy) {
      sim.network().setNodeLoss(i, 0.8);
      lossyIds.add(sim.id(i));
    }
    Set<MemberId> falseDead = new HashSet<>();
    Set<MemberId> lossyDead = new HashSet<>();
    sim.addListener((observer, e) -> {
      if (e.kind() != MembershipEvent.Kind.DEAD) {
        return;
      }
      if (lossyIds.contains(e.subject())) {
        if (!lossy.contains(observer)) {
          lossyDead.add(e.subject());
        }
      } else {
        falseDead.add(e.subject());
      }
    });
    long t0 = sim.now();
    long end = t0 + config.durationOr(300 * S);
    double removedSum = 0;
    int samples = 0;
    for (long t = t0 + S; t <= end; t += S) {
      sim.runUntil(t, () -> false);
      removedSum += removedShare(n, lossy, lossyIds);
      samples++;
    }
    metrics.put("lossy_nodes", lossyCount);
    metrics.put("false_dead", falseDead.size());
    metrics.put("lossy_declared_dead", lossyDead.size());
    metrics.put("lossy_removed_time_pct", samples == 0 ? null : 100.0 * removedSum / samples);
    metrics.put("lossy_removed_at_end_pct", 100.0 * removedShare(n, lossy, lossyIds));
  }

  /** Share of (healthy view, lossy member) pairs in which the lossy member is not ALIVE. */
  private double removedShare(int n, Set<Integer> lossy, Set<MemberId> lossyIds) {
    long gone = 0;
    long pairs = 0;
    for (int obs = 0; obs < n; obs++) {
      if (lossy.contains(obs)) {
        continue;
      }
      for (MemberId l : lossyIds) {
        pairs++;
        if (sim.core(obs).statusOf(l) != Status.ALIVE) {
          gone++;
        }
      }
    }
    return (double) gone / pairs;
  }

  // ---------------------------------------------------------------- partition

  private void partition() {
    int n = config.nodes();
    buildConverged(n);
    warmUp(5 * S, n);
    for (int i = 0; i < n; i++) {
      sim.network().setGroup(i, i < n / 2 ? 0 : 1);
    }
    Set<MemberId> declaredDead = new HashSet<>();
    sim.addListener((observer, e) -> {
      if (e.kind() == MembershipEvent.Kind.DEAD) {
        declaredDead.add(e.subject());
      }
    });
    long cut = sim.now();
    sim.network().setPartitioned(true);
    sim.runUntil(cut + config.durationOr(60 * S), () -> false);
    sim.network().setPartitioned(false);
    long healed = sim.now();
    metrics.put("declared_dead_during_cut", declaredDead.size());
    long step = 100 * MS;
    Long agreedAfter = null;
    for (long t = healed + step; t <= healed + 600 * S; t += step) {
      sim.runUntil(t, () -> false);
      if (viewsAgree(n)) {
        agreedAfter = t - healed;
        break;
      }
    }
    metrics.put("converge_after_heal_s", seconds(agreedAfter));
    metrics.put("alive_in_view_0", countAlive(0, n));
  }

  /** All views hold the same entries (same digest root) and see every member ALIVE. */
  private boolean viewsAgree(int n) {
    long root = sim.core(0).digestRoot();
    for (int i = 1; i < n; i++) {
      if (sim.core(i).digestRoot() != root) {
        return false;
      }
    }
    return countAlive(0, n) == n;
  }

  private int countAlive(int observer, int n) {
    int alive = 0;
    for (int i = 0; i < n; i++) {
      if (sim.core(observer).statusOf(sim.id(i)) == Status.ALIVE) {
        alive++;
      }
    }
    return alive;
  }

  // ---------------------------------------------------------------- accusers

  private void accusers(int f) {
    int n = config.nodes();
    long attack = config.durationOr(60 * S);
    // Baseline: the same cluster and seed without the attack, for the extra-traffic figure.
    long baselineMsgs = honestTrafficWithoutAttack(n, f, attack);
    wallStart = System.nanoTime();
    buildConverged(n);
    warmUp(5 * S, n);
    int[] malicious = new int[f];
    for (int j = 0; j < f; j++) {
      malicious[j] = j; // node ids are not ranked, so the first f are as good as any
    }
    Set<MemberId> honestDead = new HashSet<>();
    Set<MemberId> suspected = new HashSet<>();
    sim.addListener((observer, e) -> {
      if (e.subject().equals(sim.id(observer))) {
        return;
      }
      if (!isMalicious(e.subject(), f)) {
        if (e.kind() == MembershipEvent.Kind.DEAD) {
          honestDead.add(e.subject());
        } else if (e.kind() == MembershipEvent.Kind.SUSPECTED) {
          suspected.add(e.subject());
        }
      }
    });
    long start = sim.now();
    long honestMsgsBefore = honestMessages(n, f);
    long honestBytesBefore = honestBytes(n, f);
    for (long t = start; t < start + attack; t += config.protocol().gossipInterval()) {
      long at = t;
      sim.at(at, () -> {
        for (int m : malicious) {
          accuseMany(m, n, f);
        }
      });
    }
    sim.runUntil(start + attack, () -> false);
    long honestMsgs = honestMessages(n, f) - honestMsgsBefore;
    int honest = n - f;
    double seconds = attack / 1e9;
    metrics.put("accusers", f);
    metrics.put("false_dead", honestDead.size());
    metrics.put("honest_suspected", suspected.size());
    metrics.put("msgs_per_honest_node_per_s", honestMsgs / seconds / honest);
    metrics.put("extra_msgs_per_honest_node_per_s", (honestMsgs - baselineMsgs) / seconds / honest);
    metrics.put("bytes_per_honest_node_per_s_under_attack", (honestBytes(n, f) - honestBytesBefore) / seconds / honest);
  }

  private long honestTrafficWithoutAttack(int n, int f, long attack) {
    buildConverged(n);
    warmUp(5 * S, n);
    long before = honestMessages(n, f);
    sim.runUntil(sim.now() + attack, () -> false);
    return honestMessages(n, f) - before;
  }

  private boolean isMalicious(MemberId id, int f) {
    for (int j = 0; j < f; j++) {
      if (sim.id(j).equals(id)) {
        return true;
      }
    }
    return false;
  }

  private long honestBytes(int n, int f) {
    long sum = 0;
    for (int i = f; i < n; i++) {
      sum += sim.bytesSent(i);
    }
    return sum;
  }

  private long honestMessages(int n, int f) {
    long sum = 0;
    for (int i = f; i < n; i++) {
      sum += sim.messagesSent(i);
    }
    return sum;
  }

  /**
   * A malicious member accuses a batch of honest members, each at the incarnation it currently claims
   * (the only accusation honest nodes accept), and pushes the batch to a few peers.
   */
  private void accuseMany(int m, int n, int f) {
    MemberId accuser = sim.id(m);
    List<Claim> batch = new ArrayList<>();
    for (int j = 0; j < 5; j++) {
      int victim = f + rng.nextInt(n - f);
      Claim known = sim.core(m).claimOf(sim.id(victim));
      if (known == null || known.status().isGone()) {
        continue;
      }
      batch.add(new Suspect(sim.id(victim), known.incarnation(), accuser, new byte[0]));
    }
    MembershipConfig p = config.protocol();
    for (int k = 0; k < p.fanout(); k++) {
      int peer = f + rng.nextInt(n - f);
      sim.send(m, sim.address(peer), new Gossip(batch, false));
    }
  }
}
