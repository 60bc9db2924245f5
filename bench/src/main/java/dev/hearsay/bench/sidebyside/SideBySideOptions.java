package dev.hearsay.bench.sidebyside;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Command-line settings of {@code SideBySideBenchmark}; {@code --help} lists them. */
public final class SideBySideOptions {
  public static final List<String> SYSTEMS = List.of("hearsay", "scalecube");

  List<Integer> nodes = List.of(50, 100, 200, 500);
  List<String> systems = SYSTEMS;
  int warmupNodes = 10;
  long warmupSeconds = 20;
  long settleSeconds = 10;
  long steadySeconds = 60;
  long convergeTimeoutSeconds = 120;
  long verifySeconds = 10;
  boolean keepGoing = false;
  Path out;

  public static SideBySideOptions parse(String[] args) {
    SideBySideOptions o = new SideBySideOptions();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--keep-going")) {
        o.keepGoing = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + a);
      }
      String v = args[++i];
      switch (a) {
        case "--nodes" -> o.nodes = Arrays.stream(v.split(",")).map(String::trim).map(Integer::parseInt).toList();
        case "--systems" -> o.systems = Arrays.stream(v.split(",")).map(String::trim).toList();
        case "--warmup-nodes" -> o.warmupNodes = Integer.parseInt(v);
        case "--warmup-seconds" -> o.warmupSeconds = Long.parseLong(v);
        case "--settle-seconds" -> o.settleSeconds = Long.parseLong(v);
        case "--steady-seconds" -> o.steadySeconds = Long.parseLong(v);
        case "--converge-timeout" -> o.convergeTimeoutSeconds = Long.parseLong(v);
        case "--verify-seconds" -> o.verifySeconds = Long.parseLong(v);
        case "--out" -> o.out = Path.of(v);
        default -> throw new IllegalArgumentException("unknown option " + a + " (see --help)");
      }
    }
    if (o.nodes.isEmpty() || o.nodes.stream().anyMatch(n -> n < 3)) {
      throw new IllegalArgumentException("need at least 3 members per run (one is crashed, two must see it)");
    }
    if (o.systems.isEmpty() || !SYSTEMS.containsAll(o.systems)) {
      throw new IllegalArgumentException("--systems takes a list of " + SYSTEMS);
    }
    if (o.steadySeconds < 5 || o.convergeTimeoutSeconds < 1) {
      throw new IllegalArgumentException("need --steady-seconds >= 5 and --converge-timeout >= 1");
    }
    return o;
  }

  static void usage(PrintStream s) {
    s.println("""
        SideBySideBenchmark: hearsay and ScaleCube, N members each in this JVM on 127.0.0.1, one after
        the other per N, the same measurements; prints a Markdown table with hearsay/ScaleCube ratios.
          --nodes 50,100,200,500  cluster sizes
          --systems hearsay,scalecube
          --warmup-nodes 10       an unmeasured cluster of each first, for the JIT (0 to skip)
          --warmup-seconds 20
          --settle-seconds 10     wait after convergence before the steady-state window
          --steady-seconds 60     length of the steady-state window
          --converge-timeout 120  give up on starting + converging after this many seconds
          --verify-seconds 10     claim verifications per CPU-second, measured for this long at the end (0: skip)
          --keep-going            after a size fails for one system, still try it at larger sizes
          --out FILE              also write the table here (rewritten after every size)""");
  }
}
