package dev.hearsay.cli;

import dev.hearsay.overlay.core.MembershipConfig;
import dev.hearsay.overlay.sim.InvariantViolation;
import dev.hearsay.overlay.sim.Scenario;
import dev.hearsay.overlay.sim.ScenarioResult;
import dev.hearsay.overlay.sim.ScenarioRunner;
import dev.hearsay.overlay.sim.SimulationConfig;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hearsay sim}: runs one seeded simulation of the membership protocol and prints its figures. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = {
      "Simulates N members running the membership protocol on one virtual clock and a virtual network,",
      "and prints the scenario's figures. The same seed gives the same run and the same output."
    },
    footerHeading = "%nScenarios:%n",
    footer = {
      "  join       one node joins a converged cluster: rounds and seconds until 50/99/99.9/100 %% know it",
      "  crash      one node stops: seconds until the first and all others mark it DEAD",
      "  lossy      1 %% of nodes get 80 %% packet loss for 5 minutes: healthy nodes declared DEAD (goal 0)",
      "  partition  the cluster is cut in halves for 60 s, then healed: seconds until views agree",
      "  accusers   k-1 malicious nodes accuse honest ones as fast as accepted: honest DEAD (goal 0)",
      "",
      "Examples:",
      "  hearsay sim --nodes 10000 --scenario join --seed 1 --fanout 2 --json",
      "  hearsay sim --nodes 1000 --scenario crash --seed 7 --probe-interval 1s",
      "  hearsay sim --nodes 1000 --scenario lossy --seed 3 --loss 0.01",
      "",
      "Exit codes:",
      "  0  the run completed (figures printed)",
      "  1  an invariant was violated (seed and event printed) or the run failed",
      "  2  invalid input"
    })
public final class SimCommand implements Callable<Integer> {

  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m)");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--nodes", required = true, paramLabel = "N", description = "members in the cluster (>= 4)")
  int nodes;

  @Option(names = "--scenario", required = true, paramLabel = "S",
      description = "join, crash, lossy, partition or accusers")
  String scenario;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "X", description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--probe-interval", defaultValue = "1s", paramLabel = "D",
      description = "probe interval (default: ${DEFAULT-VALUE})")
  String probeInterval;

  @Option(names = "--gossip-interval", defaultValue = "200ms", paramLabel = "D",
      description = "gossip interval (default: ${DEFAULT-VALUE})")
  String gossipInterval;

  @Option(names = "--fanout", defaultValue = "3", paramLabel = "F",
      description = "peers per gossip push (default: ${DEFAULT-VALUE})")
  int fanout;

  @Option(names = "--loss", defaultValue = "0.0", paramLabel = "P",
      description = "packet loss on every link, 0..1 (default: ${DEFAULT-VALUE})")
  double loss;

  @Option(names = "--k", defaultValue = "2", paramLabel = "K",
      description = "distinct accusers needed to declare DEAD (default: ${DEFAULT-VALUE})")
  int quorum;

  @Option(names = "--duration", paramLabel = "D",
      description = "how long the scenario's condition lasts (lossy, partition, accusers); scenario default if unset")
  String duration;

  @Option(names = "--measure-memory", description = "force GCs around the cluster build to report bytes per view entry")
  boolean measureMemory;

  @Option(names = "--json", description = "print one JSON object instead of text")
  boolean json;

  @Override
  public Integer call() {
    SimulationConfig config = parse();
    PrintWriter out = spec.commandLine().getOut();
    try {
      ScenarioResult result = ScenarioRunner.run(config);
      out.print(json ? result.toJson() + System.lineSeparator() : result.toText());
      out.flush();
      return 0;
    } catch (InvariantViolation v) {
      spec.commandLine().getErr().println(v.getMessage());
      return 1;
    }
  }

  private SimulationConfig parse() {
    Scenario s;
    try {
      s = Scenario.parse(scenario);
    } catch (IllegalArgumentException e) {
      throw invalid("unknown scenario '" + scenario + "' (join, crash, lossy, partition, accusers)");
    }
    try {
      long probe = nanos(probeInterval, "--probe-interval");
      long gossip = nanos(gossipInterval, "--gossip-interval");
      MembershipConfig protocol = MembershipConfig.lan().withProbeInterval(probe).withGossip(gossip, fanout)
          .withQuorum(quorum);
      SimulationConfig c = SimulationConfig.of(nodes, s, seed).withProtocol(protocol).withLoss(loss)
          .withMeasureMemory(measureMemory);
      if (duration != null) {
        c = c.withDuration(nanos(duration, "--duration"));
      }
      return c;
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
  }

  private CommandLine.ParameterException invalid(String why) {
    return new CommandLine.ParameterException(spec.commandLine(), why);
  }

  /** Parses durations like {@code 1s}, {@code 200ms}, {@code 1.5s}, {@code 2m}. */
  static long nanos(String text, String option) {
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(option + ": not a duration: '" + text + "' (e.g. 1s, 200ms, 2m)");
    }
    double value = Double.parseDouble(m.group(1));
    double unit = switch (m.group(2)) {
      case "ns" -> 1;
      case "us" -> 1e3;
      case "ms" -> 1e6;
      case "s" -> 1e9;
      default -> 60e9;
    };
    long nanos = (long) (value * unit);
    if (nanos <= 0) {
      throw new IllegalArgumentException(option + " must be positive");
    }
    return nanos;
  }
}
