package dev.hearsay.chaos.adversary;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code hearsay-adversary}: the malicious node as a program of its own, so an attack runs as a real
 * process with its own address (the chaos suite starts it in a container on the cluster's network).
 * Each subcommand is one attack; it prints one JSON line saying what it did and exits 0 once the
 * attack ran, whatever the nodes made of it: judging that is for whoever reads the nodes' metrics.
 */
@Command(
    name = "hearsay-adversary",
    mixinStandardHelpOptions = true,
    scope = CommandLine.ScopeType.INHERIT,
    description = "A node with a valid certificate that attacks the overlay. For chaos tests only.",
    subcommands = {
      CommandLine.HelpCommand.class,
      ClaimAttacks.ForgeAlive.class,
      ClaimAttacks.ForgeMeta.class,
      ClaimAttacks.Pull.class,
      ClaimAttacks.Accuse.class,
      ClaimAttacks.Replay.class,
      FrameAttacks.Impersonate.class,
      FrameAttacks.BadFrames.class,
      FrameAttacks.FrameFloodCommand.class,
      ConnectionAttacks.ConnectionFloodCommand.class,
      ConnectionAttacks.KeepConnectingCommand.class,
      RegistryForgery.class,
    },
    footerHeading = "%nExit codes:%n",
    footer = {"  0  the attack ran (its JSON report is on stdout)", "  1  it could not run (no connection, no answer)",
        "  2  bad arguments"})
public final class AdversaryMain implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing attack");
  }

  /** The command line with its converters and error handling, for {@link #main} and for tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new AdversaryMain())
        .registerConverter(java.time.Duration.class, Durations::parse)
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
          cmd.getErr().flush();
          return e instanceof IllegalArgumentException ? 2 : 1;
        });
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
