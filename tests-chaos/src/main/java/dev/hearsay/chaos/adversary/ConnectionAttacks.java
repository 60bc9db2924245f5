package dev.hearsay.chaos.adversary;

import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Attacks with connections: many at once, or one again and again after the overlay turned it away. */
final class ConnectionAttacks {
  private ConnectionAttacks() {}

  @Command(name = "connection-flood", description = "Mutual-TLS connections as fast as it can, holding every one that gets through.")
  static final class ConnectionFloodCommand extends Attack {
    @Option(names = "--duration", defaultValue = "5s", description = "How long (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--in-flight", defaultValue = "32", description = "Handshakes pending at once (default: ${DEFAULT-VALUE}).")
    int inFlight;

    @Override
    void validate() {
      if (inFlight < 1 || inFlight > 1024) {
        throw new IllegalArgumentException("--in-flight must be 1..1024, not " + inFlight);
      }
    }

    @Override
    Report run(Adversary a) throws Exception {
      ConnectionFlood.Report r = new ConnectionFlood(a, inFlight).run(options.targetAddress(), options.targetIdentity(), duration);
      return new Report("connection-flood").put("seconds", duration.toMillis() / 1e3).put("attempts", r.attempts())
          .put("authenticated", r.authenticated()).put("refused", r.refused()).put("open_at_end", r.openAtEnd());
    }
  }

  /** With {@code --join} it is a member first, over a connection it leaves open: what a node that is then revoked looks like. */
  @Command(name = "keep-connecting", description = "Connects again and again, sending its own ALIVE whenever a connection completes.")
  static final class KeepConnectingCommand extends Attack {
    @Option(names = "--duration", defaultValue = "4s", description = "How long (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--interval", defaultValue = "200ms", description = "Between attempts (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--first-incarnation", description = "Its ALIVEs count up from here (default: the clock's milliseconds, above any earlier run's).")
    Long firstIncarnation;

    @Override
    Report run(Adversary a) throws Exception {
      KeepConnecting.Report r = new KeepConnecting(a, interval)
          .run(options.targetAddress(), options.targetIdentity(), duration,
              firstIncarnation != null ? firstIncarnation : System.currentTimeMillis());
      return new Report("keep-connecting").put("seconds", duration.toMillis() / 1e3).put("attempts", r.attempts())
          .put("completed", r.completed()).put("alives_sent", r.alivesSent());
    }
  }
}
