package dev.hearsay.cli;

import dev.hearsay.crypto.CertificateAuthority;
import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.IssueRequest;
import dev.hearsay.crypto.KeyMaterial;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.Pem;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hearsay cert}: issue, inspect and renew node, registry and operator certificates. */
@Command(
    name = "cert",
    description = "Issue, inspect and renew certificates for nodes, registries and operators.",
    mixinStandardHelpOptions = true,
    subcommands = {CertCommand.Issue.class, CertCommand.Inspect.class, CertCommand.Renew.class},
    footerHeading = Help.EXIT_CODES_HEADING,
    footer = {Help.EXIT_CODES})
final class CertCommand {

  /** Exactly one kind of principal. */
  static final class Principal {
    @ArgGroup(exclusive = false, multiplicity = "1")
    NodeName node;

    @Option(names = "--registry", paramLabel = "<name>", required = true, description = "Issue for a seed registry.")
    String registry;

    @Option(names = "--operator", paramLabel = "<name>", required = true, description = "Issue for an operator.")
    String operator;

    NodeIdentity identity(String domain) {
      if (node != null) {
        return NodeIdentity.node(domain, node.tenant, node.name);
      }
      if (registry != null) {
        return NodeIdentity.registry(domain, registry);
      }
      return NodeIdentity.operator(domain, operator);
    }
  }

  static final class NodeName {
    @Option(names = "--tenant", paramLabel = "<tenant>", required = true, description = "The node's tenant.")
    String tenant;

    @Option(names = "--node", paramLabel = "<name>", required = true, description = "The node's name.")
    String name;
  }

  @Command(
      name = "issue",
      description = {
        "Issue a key and certificate. Writes <out>/cert.pem, <out>/key.pem (mode 0600) and <out>/ca.pem (the trust bundle); refuses to replace them without --force.",
        "Names and tenants: 1-63 characters of a-z, 0-9, '.', '_' and '-', starting and ending with a letter or digit."
      },
      mixinStandardHelpOptions = true,
      sortOptions = false,
      footerHeading = "%nExamples:%n",
      footer = {
        "  hearsay cert issue --ca ./pki/ca --tenant blue --node n1 --out ./pki/n1",
        "  hearsay cert issue --ca ./pki/ca --tenant blue --node n2 --out ./pki/n2 --ttl 24h --ip 127.0.0.1",
        "  hearsay cert issue --ca ./pki/ca --registry r1 --out ./pki/registry --dns registry.example.org",
        "  hearsay cert issue --ca ./pki/ca --operator alice --out ./pki/alice",
        Help.EXIT_CODES_HEADING_INLINE,
        Help.EXIT_CODES
      })
  static final class Issue implements Callable<Integer> {
    @Option(names = "--ca", required = true, paramLabel = "<dir>", description = "Directory holding ca.pem and ca.key.")
    Path caDir;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Principal (exactly one):%n")
    Principal principal;

    @Option(names = "--out", required = true, paramLabel = "<dir>", description = "Directory for cert.pem, key.pem and ca.pem.")
    Path out;

    @Option(names = "--ttl", paramLabel = "<duration>", converter = DurationConverter.class, defaultValue = "720h",
        description = "Certificate lifetime (default: ${DEFAULT-VALUE}).")
    Duration ttl;

    @Option(names = "--dns", paramLabel = "<name>", description = "Add a DNS name SAN (repeatable).")
    List<String> dns = new ArrayList<>();

    @Option(names = "--ip", paramLabel = "<addr>", description = "Add an IP address SAN (repeatable; a literal address).")
    List<String> ips = new ArrayList<>();

    @Option(names = "--force", description = "Replace existing files in <out>.")
    boolean force;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      CertificateAuthority ca = CertificateAuthority.load(caDir, Clock.systemUTC());
      NodeIdentity identity = principal.identity(ca.trustDomain());
      IssueRequest request = new IssueRequest(identity, ttl, dns, IpLiterals.parse(ips));
      Credentials credentials = Credentials.of(ca.issueWithNewKey(request), ca.trustBundle());
      credentials.save(out, force);
      report(spec.commandLine().getOut(), "issued", credentials.keyMaterial(), out);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "renew",
      description =
          "Issue a new key and certificate with the same identity and names as an existing one (a new serial; the lifetime of the old one unless --ttl). Replaces the files in <out>.",
      mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
        "  hearsay cert renew --ca ./pki/ca --cert ./pki/n1/cert.pem --out ./pki/n1",
        "  hearsay cert renew --ca ./pki/ca --cert ./pki/n1/cert.pem --out ./pki/n1-new --ttl 48h",
        Help.EXIT_CODES_HEADING_INLINE,
        Help.EXIT_CODES
      })
  static final class Renew implements Callable<Integer> {
    @Option(names = "--ca", required = true, paramLabel = "<dir>", description = "Directory holding ca.pem and ca.key.")
    Path caDir;

    @Option(names = "--cert", required = true, paramLabel = "<cert.pem>", description = "The certificate to renew.")
    Path cert;

    @Option(names = "--out", required = true, paramLabel = "<dir>", description = "Directory for the new cert.pem, key.pem and ca.pem.")
    Path out;

    @Option(names = "--ttl", paramLabel = "<duration>", converter = DurationConverter.class,
        description = "Lifetime of the new certificate (default: that of the old one).")
    Duration ttl;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      CertificateAuthority ca = CertificateAuthority.load(caDir, Clock.systemUTC());
      X509Certificate existing = Pem.readCertificate(cert);
      KeyMaterial renewed = ca.renew(existing, ttl);
      Credentials.of(renewed, ca.trustBundle()).save(out, true);
      report(spec.commandLine().getOut(), "renewed", renewed, out);
      spec.commandLine().getOut().printf("  replaces     serial %s%n", existing.getSerialNumber().toString(16));
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "inspect",
      description = "Print a certificate's identity, role, tenant, name, serial, SHA-256 fingerprint and validity.",
      mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
        "  hearsay cert inspect ./pki/n1/cert.pem",
        "  hearsay cert inspect ./pki/n1/cert.pem --json",
        Help.EXIT_CODES_HEADING_INLINE,
        Help.EXIT_CODES
      })
  static final class Inspect implements Callable<Integer> {
    @Parameters(paramLabel = "<cert.pem>", description = "A PEM certificate file.")
    Path cert;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      CertificateSummary summary = CertificateSummary.of(Pem.readCertificate(cert));
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.MAPPER.writeValueAsString(summary));
      } else {
        summary.print(out);
      }
      return ExitCodes.OK;
    }
  }

  private static void report(PrintWriter out, String verb, KeyMaterial material, Path dir) {
    X509Certificate c = material.certificate();
    out.printf("%s %s%n", verb, material.identity().uri());
    out.printf("  serial       %s%n", c.getSerialNumber().toString(16));
    out.printf("  valid until  %s%n", c.getNotAfter().toInstant());
    out.printf("  files        %s, %s (mode 0600), %s%n",
        dir.resolve(Credentials.CERT_FILE), dir.resolve(Credentials.KEY_FILE), dir.resolve(Credentials.BUNDLE_FILE));
  }

  /** IP SANs must be literal addresses: a name here would trigger a DNS lookup and surprise. */
  static final class IpLiterals {
    private static final java.util.regex.Pattern LITERAL = java.util.regex.Pattern.compile("[0-9a-fA-F:.]+");

    static List<InetAddress> parse(List<String> values) throws java.net.UnknownHostException {
      List<InetAddress> out = new ArrayList<>();
      for (String v : values) {
        if (!LITERAL.matcher(v).matches() || !(v.contains(".") || v.contains(":"))) {
          throw new ExitCodes.InvalidInputException("--ip '" + v + "' is not an IP address literal");
        }
        try {
          out.add(InetAddress.getByName(v));
        } catch (java.net.UnknownHostException e) {
          throw new ExitCodes.InvalidInputException("--ip '" + v + "' is not an IP address literal");
        }
      }
      return out;
    }
  }
}
