package dev.hearsay.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hearsay} command: one entry point, one subcommand per operator task. */
@Command(
    name = "hearsay",
    mixinStandardHelpOptions = true,
    versionProvider = Hearsay.Version.class,
    description = "A secure, multi-tenant gossip overlay: certificates, nodes, registry and tools.",
    subcommands = {
      CommandLine.HelpCommand.class,
      SimCommand.class,
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  success",
      "  1  the command failed (I/O, crypto or network error; the reason is printed)",
      "  2  invalid input (bad flag, name, identity or file; the reason is printed)"
    })
public final class Hearsay implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  /** Builds the command line with the shared error handling, for {@link #main} and for tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new Hearsay());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Hearsay.class.getPackage().getImplementationVersion();
      return new String[] {"hearsay " + (v == null ? "(development build)" : v)};
    }
  }
}
