package dev.hearsay.cli;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.Role;
import dev.hearsay.registry.api.StatusResponse;
import dev.hearsay.registry.client.RegistryClient;
import dev.hearsay.registry.log.SignedHead;
import dev.hearsay.registry.server.RegistryConfig;
import dev.hearsay.registry.server.RegistryServer;
import dev.hearsay.registry.store.RecoveryReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hearsay registry}: run the seed registry, or ask one how it is. */
@Command(
    name = "registry",
    description = "Run the seed registry (the authoritative revocation log) or show a registry's status.",
    mixinStandardHelpOptions = true,
    subcommands = {RegistryCommand.Run.class, RegistryCommand.Status.class},
    footerHeading = Help.EXIT_CODES_HEADING,
    footer = {Help.EXIT_CODES})
final class RegistryCommand {

  @Command(
      name = "run",
      description = {
        "Run a seed registry until SIGTERM or Ctrl-C, then close cleanly (a publish in flight is made durable first).",
        "Talks only mutual TLS; the certificate in --cert-dir must name a registry (hearsay cert issue --registry <name>).",
        "The log lives in --data-dir; a torn tail from a crash is cut and reported, other damage refuses to start."
      },
      mixinStandardHelpOptions = true,
      sortOptions = false,
      footerHeading = "%nExamples:%n",
      footer = {
        "  hearsay registry run --cert-dir ./pki/r1 --bind 127.0.0.1:9443 --data-dir ./data/registry",
        "  hearsay registry run --cert-dir ./pki/r1 --bind 0.0.0.0:9443 --data-dir /var/lib/hearsay/registry",
        Help.EXIT_CODES_HEADING_INLINE,
        Help.EXIT_CODES
      })
  static final class Run implements Callable<Integer> {
    @Option(names = "--cert-dir", required = true, paramLabel = "<dir>", description = "Directory with the registry's cert.pem, key.pem and ca.pem.")
    Path certDir;

    @Option(names = "--bind", defaultValue = "127.0.0.1:9443", paramLabel = "<host:port>",
        description = "Address to serve the API on (default: ${DEFAULT-VALUE}; port 0 picks a free one).")
    String bind;

    @Option(names = "--data-dir", required = true, paramLabel = "<dir>", description = "Directory of the revocation log (created if missing).")
    Path dataDir;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      InetSocketAddress address = HostPort.parse("--bind", bind);
      Credentials credentials = Credentials.load(certDir);
      if (credentials.identity().role() != Role.REGISTRY) {
        throw new ExitCodes.InvalidInputException("--cert-dir holds the certificate of " + credentials.identity()
            + "; a registry runs with a registry certificate (hearsay cert issue --registry <name>)");
      }
      RegistryServer server = RegistryServer.start(RegistryConfig.of(credentials, address, dataDir));
      AtomicBoolean closed = new AtomicBoolean();
      Runnable close = () -> {
        if (closed.compareAndSet(false, true)) {
          try {
            server.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };
      Thread hook = new Thread(close, "hearsay-registry-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      RecoveryReport recovery = server.store().recovery();
      PrintWriter out = spec.commandLine().getOut();
      out.printf("registry %s serving on https://%s (log head #%d, %d entries%s)%n", credentials.identity().uri(),
          HostPort.format(server.address()), server.head().sequence(), recovery.entries(),
          recovery.truncated() ? "; recovered from a torn tail: " + recovery : "");
      out.flush();
      try {
        server.awaitClosed();
      } catch (InterruptedException e) {
        // Stopped from inside the JVM (an embedding program or a test): close as on SIGTERM.
        Thread.currentThread().interrupt();
      } finally {
        close.run();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // The hook is what closed the server.
        }
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "status",
      description = {
        "Show a registry's signed head (checked against the trust bundle in --cert-dir), entries, live seeds,",
        "what recovery found at its start, and the requests it refused by reason."
      },
      mixinStandardHelpOptions = true,
      sortOptions = false,
      footerHeading = "%nExamples:%n",
      footer = {
        "  hearsay registry status --registry https://127.0.0.1:9443 --cert-dir ./pki/alice",
        "  hearsay registry status --registry https://127.0.0.1:9443 --cert-dir ./pki/n1 --json",
        Help.EXIT_CODES_HEADING_INLINE,
        Help.EXIT_CODES
      })
  static final class Status implements Callable<Integer> {
    @Option(names = "--registry", required = true, paramLabel = "<https://host:port>", description = "The registry to ask.")
    String registry;

    @Option(names = "--cert-dir", required = true, paramLabel = "<dir>", description = "Any certificate of the overlay (operator, node or registry).")
    Path certDir;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      java.net.URI uri = RegistryAddress.parse(registry);
      Credentials credentials = Credentials.load(certDir);
      StatusResponse status;
      try (RegistryClient client = RegistryClient.create(uri, credentials)) {
        status = client.status();
      }
      SignedHead head;
      try {
        head = status.head().toHead();
      } catch (IllegalArgumentException e) {
        throw new IOException("the registry answered an unreadable head: " + e.getMessage());
      }
      NodeIdentity signer = RegistryHeads.verify(head, credentials);
      double age = Math.max(0, Duration.between(head.time(), Instant.now()).toMillis() / 1000.0);
      PrintWriter out = spec.commandLine().getOut();
      Map<String, Long> rejections = new TreeMap<>(status.rejections() == null ? Map.of() : status.rejections());
      if (json) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("sequence", head.sequence());
        h.put("hash", head.hash().hex());
        h.put("time", head.time().toString());
        h.put("age_seconds", age);
        h.put("signed_by", signer.uri());
        h.put("verified", true);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("registry", uri.toString());
        doc.put("head", h);
        doc.put("entries", status.entries());
        doc.put("seeds", status.seeds());
        doc.put("recovered_truncated_bytes", status.recoveredTruncatedBytes());
        doc.put("rejections", rejections);
        out.println(Json.MAPPER.writeValueAsString(doc));
      } else {
        out.printf("registry    %s (%s)%n", uri, signer.uri());
        out.printf("head        #%d %s signed %s (%.1f s ago; signature verified)%n", head.sequence(), head.hash().hex(), head.time(), age);
        out.printf("entries     %d%n", status.entries());
        out.printf("seeds       %d live%n", status.seeds());
        out.printf("recovery    %s%n", status.recoveredTruncatedBytes() == 0 ? "clean start"
            : "cut a torn tail of " + status.recoveredTruncatedBytes() + " bytes at start");
        out.printf("rejections  %s%n", rejections.isEmpty() ? "none" : rejections.toString().replaceAll("[{}]", ""));
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}
