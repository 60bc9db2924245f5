package dev.hearsay.overlay.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.overlay.core.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 4's flood acceptance, one run, side by side: for {@code hearsay.flood.seconds} each, a warm-up
 * (in which five members join and fail, one after another), then the honest cluster alone between
 * every two other phases: a flooder at its maximum rate with valid frames, with invalid signatures,
 * and with accusations, and two controls. Printed per phase: the time a fresh claim takes to reach
 * every honest node (a new node's ALIVE, joining through the flooded node; as many samples as the
 * phase has room for, their median and mean) and the CPU the honest nodes' event loops used. By
 * default each flooder runs in a JVM of its own pinned to core 1 while the honest nodes keep core 0;
 * one control keeps core 1 busy without sending anything, the other makes a member of an address where
 * nothing answers, as the accusation flooder is. With {@code -Dhearsay.flood.in-jvm=true} the flooder
 * shares this JVM and the control keeps one of its threads busy instead. Per sample, the time until
 * the flooded node listed the new node is printed too, to tell admission at that node from the gossip
 * spread after it. Each phase is compared with the quiet phases just before and after it (the warm-up
 * left out). With {@code -Dhearsay.flood.rounds=N}, N rounds, each with a fresh cluster, then a table
 * of each phase's change over the rounds, every round's samples pooled, against the goal
 * (see {@link RoundsSummary}).
 * Run with {@code mvn -Pflood -pl overlay-core -am verify}.
 * Asserted: each flooder is banned and no honest node is ever seen DEAD; the figures are printed,
 * not asserted, because a shared two-core machine makes them noisy.
 */
@EnabledIfSystemProperty(named = "hearsay.flood.seconds", matches = "\\d+")
class GuardFloodAcceptanceTest {
  /**
   * Time kept free at the end of a phase: no sample starts later, so the last one ends within the
   * phase (a sample takes a few hundred milliseconds, a slow one up to a second or two).
   */
  private static final Duration LAST_SAMPLE_ROOM = Duration.ofSeconds(1);

  /** The honest nodes' gossip interval: samples start at a random point within one, after the previous sample. */
  private static final long GOSSIP_INTERVAL_NANOS = dev.hearsay.overlay.core.MembershipConfig.lan().gossipInterval();

  private record Phase(String name, List<Long> disseminationMillis, List<Long> joinAtTMillis, double cpuShareOfOneCore, Flooder.Report flood, boolean banned, String viewAtT) {}

  private static final List<String> GUARD_REASONS = List.of("banned", "disconnected", "refused_disconnected_identity",
      "refused_reconnect_at_once", "refused_banned_identity", "banned_address", "refused_banned_address",
      "dropped_frame_rate", "dropped_byte_rate", "dropped_claim_rate", "dropped_accusation_rate", "dropped_verification_rate",
      "dropped_while_quarantined", "invalid_claim", "paused_reading", "refused_connection_rate");

  /**
   * Whether each flooder runs in a JVM of its own on core 1 while this JVM (the honest nodes) keeps
   * core 0: the default where taskset and two cores exist; {@code -Dhearsay.flood.in-jvm=true} forces
   * the flooder into this JVM.
   */
  private final boolean separateCores = !Boolean.getBoolean("hearsay.flood.in-jvm") && CorePinning.available();

  /**
   * How long after the previous sample each one starts: drawn at random within one gossip interval,
   * so that where a sample falls among T's gossip ticks is independent of where the last one ended
   * (which is just after a tick). Samples at fixed times met the ticks at one offset that drifted
   * slowly, so a phase's samples rose or fell together and its median followed the drift rather than
   * the flood (quiet phases of one run from 99 to 165 ms, samples climbing steadily through a phase).
   */
  private final long seed = Long.getLong("hearsay.flood.seed", System.nanoTime());
  private final java.util.Random sampleOffsets = new java.util.Random(seed);

  @Test
  void floodsRaiseHonestDisseminationTimeAndCpuLittle() throws Exception {
    Duration each = Duration.ofSeconds(Long.getLong("hearsay.flood.seconds"));
    int rounds = Integer.getInteger("hearsay.flood.rounds", 1);
    if (separateCores) {
      CorePinning.pinThisJvm("0");
    }
    List<List<Phase>> all = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      all.add(round(each, round, rounds));
    }
    if (rounds > 1) {
      List<List<RoundsSummary.PhaseResult>> results = all.stream().map(GuardFloodAcceptanceTest::results).toList();
      System.out.println(RoundsSummary.of(results, QUIET, seed));
      // The accusation flooder is a member nobody can reach, as the control's is: against the control,
      // what is left is the accusations' own cost.
      System.out.println(RoundsSummary.against(results, ACCUSATIONS, UNREACHABLE_MEMBER, seed));
    }
  }

  /**
   * One round: a fresh cluster (so the LEFT entries of one round's samples do not weigh on the next)
   * through every phase; printed, and asserted as the class says.
   */
  private List<Phase> round(Duration each, int round, int rounds) throws Exception {
    List<Phase> phases = new ArrayList<>();
    int floodsFrom;
    try (FloodCluster cluster = new FloodCluster()) {
      // A phase of warm-up, printed but left out of the baseline: a JVM's first tens of seconds run
      // interpreted and half-compiled code (handshakes among the slowest), and CPU measured then made
      // the quiet baseline higher and every flood look cheaper than it was.
      CompletableFuture<Void> failures = failMembers(cluster);
      phases.add(phase(cluster, "warm-up (not compared)", each, null, null));
      failures.get();
      // A quiet phase before and after every other one: each is compared with its two neighbours, so
      // a drift over the run (the machine's other load, the view growing by a LEFT entry per sample)
      // falls out of the comparison.
      phases.add(quietPhase(cluster, each));
      // The control runs the flooder's JVM on its core without sending anything: on a virtual machine
      // two "cores" may share hardware, so a busy core 1 can slow core 0 with no traffic at all.
      phases.add(separateCores
          ? phase(cluster, "control: core 1 busy, no flood", each, cluster.pki.node("blue", "idle"), FlooderProcess.BUSY)
          : control(cluster, each));
      phases.add(quietPhase(cluster, each));
      floodsFrom = phases.size();
      phases.add(phase(cluster, FRAMES, each, cluster.pki.node("blue", "flooder-frames"), "frames"));
      phases.add(quietPhase(cluster, each));
      phases.add(phase(cluster, SIGNATURES, each, cluster.pki.node("blue", "flooder-signatures"), "signatures"));
      phases.add(quietPhase(cluster, each));
      if (separateCores) {
        // The accusation flooder is also a member that cannot be reached; this phase is that alone.
        phases.add(phase(cluster, UNREACHABLE_MEMBER, each, cluster.pki.node("blue", "quiet-member"), FlooderProcess.MEMBER));
        phases.add(quietPhase(cluster, each));
      }
      phases.add(phase(cluster, ACCUSATIONS, each, cluster.pki.node("blue", "flooder-accusations"), "accusations"));
      phases.add(quietPhase(cluster, each));
      print(each, phases, separateCores, seed, rounds == 1 ? "" : " (round " + round + " of " + rounds + ")");
      System.out.println("T's guard actions: " + GUARD_REASONS.stream()
          .map(r -> r + "=" + (long) cluster.guardActions(cluster.t, r)).collect(java.util.stream.Collectors.joining(", ")));
      assertEquals(List.of(), List.copyOf(cluster.honestDeaths()), "no honest node is declared DEAD");
    }
    for (Phase p : phases.subList(floodsFrom, phases.size())) {
      if (p.flood() == null || p.name().startsWith("control")) {
        continue; // quiet, or it sent one frame: nothing to ban
      }
      assertTrue(p.banned(), p.name() + ": the flooder was not banned");
    }
    return phases;
  }

  /**
   * Members that join and fail during each round's warm-up, one every {@link #WARM_UP_FAILURE_SPACING}
   * so that at most two fail at a time (five failing at once left all five SUSPECT at every honest
   * node for over a minute in one round: a failure of most of a small overlay at once, which is not
   * what a warm-up is for). The quiet phases only ever see nodes join and leave, so without them the
   * first accusation phase of a run was the first time this JVM ran a member's suspicion, the
   * accusations about it and its death (the control phase aside): a node in service has seen members
   * fail, and the paths had not been compiled yet. Five
   * because in one run of ten members failing one after another (15 s apart, nothing else going on),
   * each honest node's extra CPU per failure fell from about 70 ms for the first to about 35 ms for
   * the second to fourth and 15 to 25 ms from the fifth on.
   */
  private static final int WARM_UP_FAILURES = 5;
  private static final Duration WARM_UP_FAILURE_SPACING = Duration.ofSeconds(6);

  /**
   * Joins {@link #WARM_UP_FAILURES} members, one after another, at addresses where nothing answers;
   * completes once every honest node holds them DEAD. Their certificates are issued here, before
   * anything runs alongside.
   */
  private CompletableFuture<Void> failMembers(FloodCluster cluster) {
    List<CompletableFuture<Flooder.Report>> joins = new ArrayList<>();
    List<String> uris = new ArrayList<>();
    for (int i = 1; i <= WARM_UP_FAILURES; i++) {
      Credentials member = cluster.pki.node("blue", "failing-" + i);
      uris.add(member.identity().uri());
      java.util.concurrent.Executor later = CompletableFuture.delayedExecutor(
          (i - 1) * WARM_UP_FAILURE_SPACING.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      joins.add(CompletableFuture.supplyAsync(() -> {
        if (separateCores) {
          return cluster.floodFromCoreOne(member, FlooderProcess.MEMBER, Duration.ofSeconds(1));
        }
        try (Flooder f = new Flooder(cluster.pki, member)) {
          return f.sendOnce(cluster.tAddress(), cluster.t.identity(), Floods.memberAlive(member));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, later));
    }
    return CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).thenRun(() ->
        cluster.await(Duration.ofSeconds(60), "the warm-up's failing members DEAD at every honest node",
            () -> uris.stream().allMatch(uri -> List.of(cluster.t, cluster.b, cluster.c).stream()
                .allMatch(n -> n.view().statusOf(uri) == dev.hearsay.overlay.core.Status.DEAD))));
  }

  private static final String FRAMES = "flood: valid frames";
  private static final String SIGNATURES = "flood: invalid signatures";
  private static final String ACCUSATIONS = "flood: accusations";

  private static final String UNREACHABLE_MEMBER = "control: unreachable member";

  private static final String QUIET = "honest cluster alone";

  private Phase quietPhase(FloodCluster cluster, Duration length) throws Exception {
    return phase(cluster, QUIET, length, null, null);
  }

  /**
   * The same measurement while one thread of this JVM keeps a core busy and sends nothing: on a
   * small machine the flooder's own CPU slows everything in the JVM, and this phase shows how much
   * of a flood phase's figures is that rather than the flood reaching the honest nodes.
   */
  private Phase control(FloodCluster cluster, Duration length) throws Exception {
    long end = System.nanoTime() + length.toNanos();
    CompletableFuture<Long> burner = CompletableFuture.supplyAsync(() -> {
      long x = 0;
      while (System.nanoTime() - end < 0) {
        x += Long.numberOfTrailingZeros(x * 0x9E3779B97F4A7C15L + 1);
      }
      return x;
    });
    Phase p = phase(cluster, "control: a core busy, no flood", length, null, null);
    burner.get();
    return p;
  }

  private Phase phase(FloodCluster cluster, String name, Duration length, Credentials flooder, String kind) throws Exception {
    Map<String, Double> countersBefore = cluster.counters(cluster.t);
    Map<String, Double> bBefore = cluster.counters(cluster.b);
    Map<String, Double> cBefore = cluster.counters(cluster.c);
    Map<String, Double> othersBefore = cluster.honestGuardActions();
    double bansBefore = cluster.guardActions(cluster.t, "banned");
    long cpuBefore = cluster.honestCpuNanos();
    Map<String, Long> cpuByNodeBefore = cluster.honestCpuNanosByNode();
    long start = System.nanoTime();
    CompletableFuture<Flooder.Report> flood = CompletableFuture.completedFuture(null);
    Flooder f = null;
    String target = cluster.t.identity().uri();
    String victim = cluster.b.identity().uri();
    if (flooder != null && separateCores) {
      flood = CompletableFuture.supplyAsync(() -> cluster.floodFromCoreOne(flooder, kind, length));
    } else if (flooder != null) {
      Flooder inJvm = new Flooder(cluster.pki, flooder);
      f = inJvm;
      LongFunction<Message> m = Floods.named(kind, flooder, target, victim);
      flood = CompletableFuture.supplyAsync(() -> inJvm.flood(cluster.tAddress(), cluster.t.identity(), length, m));
    }
    // Samples one after another for as long as the phase lasts: a sample's spread over a gossip tick
    // is what limits how small a change the comparison can tell, so the more of them the better.
    List<Long> times = new ArrayList<>();
    List<Long> joins = new ArrayList<>();
    long end = start + length.toNanos();
    long lastStart = end - LAST_SAMPLE_ROOM.toNanos();
    while (true) {
      long due = System.nanoTime() + (long) (sampleOffsets.nextDouble() * GOSSIP_INTERVAL_NANOS);
      if (due - lastStart > 0) {
        break;
      }
      cluster.await(length.plusSeconds(30), "the next sample time", () -> System.nanoTime() - due >= 0);
      times.add(cluster.disseminateFreshClaim(true).toMillis());
      joins.add(cluster.lastJoinAtT().toMillis());
    }
    cluster.await(length.plusSeconds(30), "the end of the phase", () -> System.nanoTime() - end >= 0);
    double cpu = (cluster.honestCpuNanos() - cpuBefore) / (double) (System.nanoTime() - start);
    Flooder.Report report = flood.get();
    // A ban is temporary: the flooder may be free again by the end of the phase, so a ban during it counts.
    boolean banned = flooder != null
        && (cluster.t.guard().isBanned(flooder.identity()) || cluster.guardActions(cluster.t, "banned") > bansBefore);
    if (f != null) {
      f.close();
    }
    String changed = changedCounters(countersBefore, cluster.counters(cluster.t), "");
    StringBuilder others = new StringBuilder();
    cluster.honestGuardActions().forEach((k, v) -> {
      double d = v - othersBefore.getOrDefault(k, 0.0);
      if (d != 0) {
        others.append(String.format(" %s +%.0f", k, d));
      }
    });
    long elapsed = System.nanoTime() - start;
    System.out.println("honest CPU by node during " + name + ":" + cluster.honestCpuNanosByNode().entrySet().stream()
        .map(e -> String.format(" %s %.2f %%", e.getKey(), 100.0 * (e.getValue() - cpuByNodeBefore.getOrDefault(e.getKey(), 0L)) / elapsed))
        .collect(java.util.stream.Collectors.joining(",")));
    System.out.println("T's counters during " + name + ":" + changed);
    // B and C only list the fresh node once they took its ALIVE: what they refused says why one did not.
    System.out.println("B's and C's rejections during " + name + ":"
        + changedCounters(bBefore, cluster.counters(cluster.b), "rejected") + changedCounters(cBefore, cluster.counters(cluster.c), "rejected"));
    System.out.println("guard actions of B, C and the fresh nodes during " + name + ":" + others);
    return new Phase(name, times, joins, cpu, report, banned, cluster.viewAtT() + "; fresh nodes held: " + cluster.freshNodesHeld());
  }

  /** The counters (whose name contains {@code part}) that changed between two readings, one per line. */
  private static String changedCounters(Map<String, Double> before, Map<String, Double> after, String part) {
    StringBuilder changed = new StringBuilder();
    after.forEach((k, v) -> {
      double d = v - before.getOrDefault(k, 0.0);
      if (d != 0 && k.contains(part)) {
        changed.append(String.format("%n    %s +%.0f", k, d));
      }
    });
    return changed.toString();
  }

  /**
   * A phase's baseline: the quiet phases just before and after it. A quiet phase's own baseline is
   * every other quiet phase after the warm-up, which shows how much quiet phases of one run differ
   * among themselves.
   */
  private static List<Phase> baselineOf(List<Phase> phases, int i) {
    List<Phase> quiet = new ArrayList<>();
    if (phases.get(i).name().equals(QUIET)) {
      for (int j = 1; j < phases.size(); j++) {
        if (j != i && phases.get(j).name().equals(QUIET)) {
          quiet.add(phases.get(j));
        }
      }
    } else {
      for (int j = i - 1; j >= 1; j--) {
        if (phases.get(j).name().equals(QUIET)) {
          quiet.add(phases.get(j));
          break;
        }
      }
      for (int j = i + 1; j < phases.size(); j++) {
        if (phases.get(j).name().equals(QUIET)) {
          quiet.add(phases.get(j));
          break;
        }
      }
    }
    return quiet;
  }

  /**
   * Each phase after the warm-up, with its samples and its baseline's pooled, and its CPU and its
   * baseline's averaged (see {@link #baselineOf}).
   */
  private static List<RoundsSummary.PhaseResult> results(List<Phase> phases) {
    List<RoundsSummary.PhaseResult> out = new ArrayList<>();
    for (int i = 1; i < phases.size(); i++) {
      Phase p = phases.get(i);
      List<Phase> base = baselineOf(phases, i);
      out.add(new RoundsSummary.PhaseResult(p.name(), p.disseminationMillis(),
          base.stream().flatMap(q -> q.disseminationMillis().stream()).toList(), p.cpuShareOfOneCore(),
          base.stream().mapToDouble(Phase::cpuShareOfOneCore).average().orElse(Double.NaN)));
    }
    return out;
  }

  private static void print(Duration each, List<Phase> phases, boolean separateCores, long seed, String round) {
    List<RoundsSummary.PhaseResult> results = results(phases);
    StringBuilder out = new StringBuilder();
    out.append(String.format("%nflood acceptance%s: 3 honest nodes over loopback mTLS, %d s per phase, fresh-claim dissemination "
        + "= new node joining through the flooded node T until all honest nodes list it (one sample after another, each "
        + "started at a random point of a gossip interval; median and mean of the samples); honest CPU = the event loops of "
        + "T and the two other honest nodes, as a share of one core; %s; each phase compared with the quiet phases just before "
        + "and after it (a quiet phase: with all the other quiet phases); sample offsets seed %d (-Dhearsay.flood.seed)%n",
        round, each.toSeconds(),
        separateCores ? "honest nodes pinned to core 0, each flooder a JVM of its own pinned to core 1"
            : "the flooder runs in the honest nodes' JVM", seed));
    out.append(String.format("%-32s %7s %14s %9s %12s %9s %11s %9s %18s %8s%n", "phase", "samples", "dissem. median", "vs quiet",
        "mean", "vs quiet", "honest CPU", "vs quiet", "flooder frames", "banned"));
    for (int i = 0; i < phases.size(); i++) {
      Phase p = phases.get(i);
      long[] samples = RoundsSummary.millis(p.disseminationMillis());
      if (i == 0) {
        out.append(String.format("%-32s %7d %11.0f ms %9s %9.0f ms %9s %9.1f %%%n", p.name(), samples.length,
            RoundsSummary.median(samples), "", RoundsSummary.mean(samples), "", 100 * p.cpuShareOfOneCore()));
      } else {
        RoundsSummary.PhaseResult r = results.get(i - 1);
        long[] base = RoundsSummary.millis(r.baseline());
        out.append(String.format("%-32s %7d %11.0f ms %+8.0f%% %9.0f ms %+8.0f%% %9.1f %% %+8.0f%% %18s %8s%n", p.name(),
            samples.length, RoundsSummary.median(samples), RoundsSummary.percent(RoundsSummary.median(samples), RoundsSummary.median(base)),
            RoundsSummary.mean(samples), RoundsSummary.percent(RoundsSummary.mean(samples), RoundsSummary.mean(base)),
            100 * p.cpuShareOfOneCore(), r.cpuChange(),
            p.flood() == null ? "-" : p.flood().frames() + " / " + p.flood().connections() + " conn",
            p.flood() == null ? "-" : Boolean.toString(p.banned())));
      }
      out.append(String.format("%-32s samples %s%n", "", p.disseminationMillis()));
      out.append(String.format("%-32s of which until T listed it (median %.0f ms) %s%n", "",
          RoundsSummary.median(RoundsSummary.millis(p.joinAtTMillis())), p.joinAtTMillis()));
      out.append(String.format("%-32s T's view at the end: %s%n", "", p.viewAtT()));
    }
    System.out.println(out);
  }
}
