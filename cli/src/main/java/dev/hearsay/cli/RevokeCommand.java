package dev.hearsay.cli;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.Role;
import dev.hearsay.registry.client.PublishResult;
import dev.hearsay.registry.client.RegistryClient;
import dev.hearsay.registry.log.RevocationEntry;
import dev.hearsay.registry.log.RevocationTarget;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hearsay revoke}: publish a revocation to the seed registry. */
@Command(
    name = "revoke",
    description = {
      "Revoke one certificate (--serial) or a whole node identity (--node, every certificate naming it, renewed ones too).",
      "Publishes to the seed registry with an operator certificate; nodes following it refuse the target within seconds.",
      "Revoking an already revoked target is not an error: the existing entry is shown. A revocation cannot be undone."
    },
    mixinStandardHelpOptions = true,
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  hearsay revoke --registry https://127.0.0.1:9443 --cert-dir ./pki/alice --node spiffe://mesh.example.org/tenant/blue/node/n3",
      "  hearsay revoke --registry https://127.0.0.1:9443 --cert-dir ./pki/alice --serial 3f9a0c12 --reason \"key on a lost laptop\"",
      Help.EXIT_CODES_HEADING_INLINE,
      Help.EXIT_CODES
    })
final class RevokeCommand implements Callable<Integer> {
  @Option(names = "--registry", required = true, paramLabel = "<https://host:port>", description = "The seed registry.")
  String registry;

  @Option(names = "--cert-dir", required = true, paramLabel = "<dir>", description = "An operator's cert.pem, key.pem and ca.pem.")
  Path certDir;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Option(names = "--serial", paramLabel = "<hex>", description = "Serial of the certificate to revoke (hex, as 'hearsay cert inspect' shows it).")
    String serial;

    @Option(names = "--node", paramLabel = "<spiffe-uri>", description = "Identity to revoke, e.g. spiffe://<domain>/tenant/<tenant>/node/<name>.")
    String node;
  }

  @Option(names = "--reason", paramLabel = "<text>", description = "Why, for the log (one line, at most 256 characters).")
  String reason;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    URI uri = RegistryAddress.parse(registry);
    RevocationTarget revocation = target.serial != null ? RevocationTarget.serial(target.serial) : RevocationTarget.identity(target.node);
    RevocationEntry.checkReason(reason);
    Credentials credentials = Credentials.load(certDir);
    if (credentials.identity().role() != Role.OPERATOR) {
      throw new ExitCodes.InvalidInputException("--cert-dir holds the certificate of " + credentials.identity()
          + "; revocations are published with an operator certificate (hearsay cert issue --operator <name>)");
    }
    PublishResult result;
    try (RegistryClient client = RegistryClient.create(uri, credentials)) {
      result = client.publish(revocation, reason);
    }
    RegistryHeads.verify(result.head(), credentials);
    RevocationEntry entry = result.entry();
    PrintWriter out = spec.commandLine().getOut();
    if (result.created()) {
      out.printf("revoked %s: entry #%d, registry head #%d%n", entry.target(), entry.sequence(), result.head().sequence());
    } else {
      out.printf("%s was already revoked: entry #%d of %s by %s%n", entry.target(), entry.sequence(), entry.time(), entry.operator().uri());
    }
    out.flush();
    return ExitCodes.OK;
  }
}
