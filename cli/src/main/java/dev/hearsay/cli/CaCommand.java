package dev.hearsay.cli;

import dev.hearsay.crypto.CertificateAuthority;
import dev.hearsay.crypto.Fingerprint;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hearsay ca}: the overlay's root certificate authority. */
@Command(
    name = "ca",
    description = "Manage the overlay's root certificate authority (one per trust domain).",
    mixinStandardHelpOptions = true,
    subcommands = {CaCommand.Init.class},
    footerHeading = Help.EXIT_CODES_HEADING,
    footer = {Help.EXIT_CODES})
final class CaCommand {

  @Command(
      name = "init",
      description =
          "Create a CA for a trust domain: <out>/ca.pem (the trust bundle to give every node) and <out>/ca.key (mode 0600; keep it offline). The CA can only issue identities in its domain; refuses to replace an existing CA without --force.",
      mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
        "  hearsay ca init --domain mesh.example.org --out ./pki/ca",
        "  hearsay ca init --domain mesh.example.org --out ./pki/ca --ttl 3650d --force",
        Help.EXIT_CODES_HEADING_INLINE,
        Help.EXIT_CODES
      })
  static final class Init implements Callable<Integer> {
    @Option(names = "--domain", required = true, paramLabel = "<trust-domain>",
        description = "Trust domain, a lower-case DNS-style name such as mesh.example.org.")
    String domain;

    @Option(names = "--out", required = true, paramLabel = "<dir>", description = "Directory for ca.pem and ca.key.")
    Path out;

    @Option(names = "--ttl", paramLabel = "<duration>", converter = DurationConverter.class, defaultValue = "3650d",
        description = "CA lifetime (default: ${DEFAULT-VALUE}).")
    Duration ttl;

    @Option(names = "--force", description = "Replace an existing CA in <dir> (orphans every certificate it issued).")
    boolean force;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      CertificateAuthority ca = CertificateAuthority.create(domain, ttl, Clock.systemUTC());
      ca.save(out, force);
      var w = spec.commandLine().getOut();
      w.printf("created CA for trust domain %s%n", ca.trustDomain());
      w.printf("  certificate  %s%n", out.resolve(CertificateAuthority.CERT_FILE));
      w.printf("  private key  %s (mode 0600)%n", out.resolve(CertificateAuthority.KEY_FILE));
      w.printf("  fingerprint  %s%n", Fingerprint.of(ca.certificate()).colonHex());
      w.printf("  valid until  %s%n", ca.certificate().getNotAfter().toInstant());
      return ExitCodes.OK;
    }
  }
}
