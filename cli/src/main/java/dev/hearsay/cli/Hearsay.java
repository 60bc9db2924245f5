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
      CaCommand.class,
      CertCommand.class,
      NodeCommand.class,
      MembersCommand.class,
      DemoCommand.class,
      RegistryCommand.class,
      RevokeCommand.class,
      SimCommand.class,
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  hearsay ca init --domain mesh.example.org --out ./pki/ca",
      "  hearsay cert issue --ca ./pki/ca --tenant blue --node n1 --out ./pki/n1",
      "  hearsay cert inspect ./pki/n1/cert.pem --json",
      "  hearsay revoke --registry https://127.0.0.1:9443 --cert-dir ./pki/alice --node spiffe://mesh.example.org/tenant/blue/node/n1",
      Help.EXIT_CODES_HEADING_INLINE,
      Help.EXIT_CODES
    })
public final class Hearsay implements Runnable {
  private static final int HELP_WIDTH = 120;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  /** Builds the command line with the shared error handling, for {@link #main} and for tests. */
  public static CommandLine commandLine() {
    ExitCodes exitCodes = new ExitCodes();
    return new CommandLine(new Hearsay())
        .setExecutionExceptionHandler(exitCodes)
        .setParameterExceptionHandler(exitCodes)
        .setUsageHelpWidth(HELP_WIDTH);
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
