package dev.hearsay.cli;

import dev.hearsay.authz.Policy;
import dev.hearsay.authz.PolicyException;
import dev.hearsay.authz.PolicyLoader;
import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.overlay.admin.AdminServer;
import dev.hearsay.overlay.bootstrap.SeedSettings;
import dev.hearsay.overlay.core.MembershipConfig;
import dev.hearsay.overlay.core.Metadata;
import dev.hearsay.overlay.node.Node;
import dev.hearsay.overlay.node.NodeConfig;
import dev.hearsay.overlay.node.Profiles;
import dev.hearsay.overlay.revocation.RegistrySettings;
import dev.hearsay.overlay.revocation.StalenessPolicy;
import dev.hearsay.overlay.transport.TransportConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hearsay node}: run a gossip node. */
@Command(
    name = "node",
    description = "Run a hearsay node.",
    mixinStandardHelpOptions = true,
    subcommands = {NodeCommand.Run.class},
    footerHeading = Help.EXIT_CODES_HEADING,
    footer = {Help.EXIT_CODES})
final class NodeCommand {

  @Command(
      name = "run",
      description = {
        "Run a node until SIGTERM or Ctrl-C, then leave gracefully (a signed LEAVE, then close).",
        "Talks only mutual TLS with the certificate in --cert-dir; serves /members, /health and /metrics on --admin.",
        "Flags override the --config file; tuning in the file overrides the profile."
      },
      mixinStandardHelpOptions = true,
      sortOptions = false,
      footerHeading = "%nExamples:%n",
      footer = {
        "  hearsay node run --cert-dir ./pki/n1 --bind 127.0.0.1:7001 --admin 127.0.0.1:8001",
        "  hearsay node run --cert-dir ./pki/n2 --bind 127.0.0.1:7002 --admin 127.0.0.1:8002 --seeds 127.0.0.1:7001",
        "  hearsay node run --config node.yaml --meta zone=eu-1",
        "  hearsay node run --cert-dir ./pki/n1 --policy ./policy.yaml",
        "  hearsay node run --cert-dir ./pki/n1 --data-dir ./data/n1 --registry https://127.0.0.1:9443 --registry-policy closed",
        "  hearsay node run --cert-dir ./pki/n4 --bind 127.0.0.1:7004 --admin 127.0.0.1:8004 --registry https://127.0.0.1:9443",
        Help.EXIT_CODES_HEADING_INLINE,
        Help.EXIT_CODES
      })
  static final class Run implements Callable<Integer> {
    @Option(names = "--cert-dir", paramLabel = "<dir>", description = "Directory with cert.pem, key.pem and ca.pem.")
    Path certDir;

    @Option(names = "--bind", paramLabel = "<host:port>", description = "Gossip address to listen on (default 127.0.0.1:7001).")
    String bind;

    @Option(names = "--advertise", paramLabel = "<host:port>",
        description = "Gossip address other nodes reach this one at, when it differs from --bind (e.g. --bind 0.0.0.0:7001 in a container). Default: the bound address.")
    String advertise;

    @Option(names = "--admin", paramLabel = "<host:port>", description = "Admin HTTP address (default 127.0.0.1:8001; loopback unless you say otherwise).")
    String admin;

    @Option(names = "--seeds", paramLabel = "<host:port>", split = ",",
        description = "Addresses to join through, comma-separated. With --registry, its seed list serves too:"
            + " at once without --seeds, after 10 s still alone with them.")
    List<String> seeds;

    @Option(names = "--config", paramLabel = "<file.yaml>", description = "YAML file with any of these settings and tuning.")
    Path config;

    @Option(names = "--data-dir", paramLabel = "<dir>", description = "Directory for state kept across restarts.")
    Path dataDir;

    @Option(names = "--profile", paramLabel = "<lan|wan|local>", description = "Tuning preset (default lan).")
    String profile;

    @Option(names = "--policy", paramLabel = "<file.yaml>",
        description = "The overlay's policy (who may claim what, the DEAD quorum k, rate limits); safe defaults without it.")
    Path policy;

    @Option(names = "--meta", paramLabel = "<key=value>",
        description = "Private node metadata, seen only by nodes of this node's tenant (repeatable).")
    Map<String, String> meta;

    @Option(names = "--meta-shared", paramLabel = "<key=value>",
        description = "Shared node metadata, also seen by other tenants when this tenant's membership is shared (repeatable).")
    Map<String, String> metaShared;

    @Option(names = "--registry", paramLabel = "<https://host:port>",
        description = "Seed registry to follow for revocations (its verified log is kept in --data-dir).")
    String registry;

    @Option(names = "--registry-max-staleness", paramLabel = "<duration>",
        description = "How old the registry's signed head may get before --registry-policy applies (default 5m).")
    String registryMaxStaleness;

    @Option(names = "--registry-policy", paramLabel = "<open|closed>",
        description = "When the head is stale: open keeps admitting new nodes (and alerts), closed refuses them (default open).")
    String registryPolicy;

    @Option(names = "--register-seed", negatable = true,
        description = "With --registry: list this node's advertised address in the registry's seed list (renewed while it runs), so"
            + " new nodes can join through it. On by default; --no-register-seed for a node others should not join through.")
    Boolean registerSeed;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      NodeFileConfig file = config == null ? NodeFileConfig.EMPTY : NodeFileConfig.load(config);
      Path certs = certDir != null ? certDir : file.certDir() != null ? Path.of(file.certDir()) : null;
      if (certs == null) {
        throw new ExitCodes.InvalidInputException("--cert-dir is required (or cert-dir in --config)");
      }
      InetSocketAddress bindAddress = HostPort.parse("--bind", first(bind, file.bind(), "127.0.0.1:7001"));
      String advertised = first(advertise, file.advertise(), null);
      if (advertised != null) {
        HostPort.parse("--advertise", advertised);
      } else if (bindAddress.getAddress() != null && bindAddress.getAddress().isAnyLocalAddress()) {
        throw new ExitCodes.InvalidInputException(
            "--bind " + HostPort.format(bindAddress) + " listens on every interface; say which address others reach this node at with --advertise");
      }
      InetSocketAddress adminAddress = HostPort.parse("--admin", first(admin, file.admin(), "127.0.0.1:8001"));
      List<String> seedList = seeds != null ? seeds : file.seeds() != null ? file.seeds() : List.of();
      for (String s : seedList) {
        HostPort.parse("--seeds", s);
      }
      Metadata metadata = metadata(file);
      MembershipConfig membership = Tuning.apply(Profiles.named(first(profile, file.profile(), "lan")), file.tuning());
      Path data = dataDir != null ? dataDir : file.dataDir() != null ? Path.of(file.dataDir()) : null;
      Policy overlayPolicy = loadPolicy(policy != null ? policy : file.policy() != null ? Path.of(file.policy()) : null);
      Credentials credentials = Credentials.load(certs);

      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      NodeConfig nodeConfig = new NodeConfig(credentials, bindAddress, advertised, seedList, membership, TransportConfig.defaults(), data, Map.of())
          .withMetadata(metadata)
          .withRegistry(registrySettings(file))
          .withSeeding(SeedSettings.DEFAULTS.withRegister(registersAsSeed(registerSeed, file.registerSeed())))
          .withPolicy(overlayPolicy);
      Node node = Node.start(nodeConfig, registry, RevocationCheck.NONE);
      AdminServer adminServer = new AdminServer(adminAddress,
          new AdminServer.Content(() -> node.view().members(), node::health, registry));
      PrintWriter out = spec.commandLine().getOut();
      out.printf("node %s listening on %s; admin http://%s%n", node.identity().uri(), node.address(),
          HostPort.format(adminServer.address()));
      out.flush();

      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          node.leave(Node.DEFAULT_LEAVE_LINGER);
        } catch (Exception e) {
          node.close();
        } finally {
          adminServer.close();
          stopped.countDown();
        }
      }, "hearsay-shutdown"));
      stopped.await();
      return ExitCodes.OK;
    }

    /** The registry to follow, from the flags or the file; null when there is none. */
    /** Private and shared metadata; flags override the file key by key, and a key lives in one class only. */
    private Metadata metadata(NodeFileConfig file) {
      Map<String, String> privateEntries = new LinkedHashMap<>();
      Map<String, String> sharedEntries = new LinkedHashMap<>();
      if (file.meta() != null) {
        privateEntries.putAll(file.meta());
      }
      if (file.metaShared() != null) {
        sharedEntries.putAll(file.metaShared());
      }
      if (meta != null) {
        meta.keySet().forEach(sharedEntries::remove);
        privateEntries.putAll(meta);
      }
      if (metaShared != null) {
        metaShared.keySet().forEach(privateEntries::remove);
        sharedEntries.putAll(metaShared);
      }
      try {
        return new Metadata(privateEntries, sharedEntries);
      } catch (IllegalArgumentException e) {
        throw new ExitCodes.InvalidInputException("--meta/--meta-shared: " + e.getMessage());
      }
    }

    private RegistrySettings registrySettings(NodeFileConfig file) {
      String address = first(registry, file.registry(), null);
      if (address == null) {
        if (registryMaxStaleness != null || registryPolicy != null || registerSeed != null) {
          throw new ExitCodes.InvalidInputException(
              "--registry-max-staleness, --registry-policy and --[no-]register-seed need --registry");
        }
        return null;
      }
      String staleness = first(registryMaxStaleness, file.registryMaxStaleness(), null);
      String policy = first(registryPolicy, file.registryPolicy(), null);
      try {
        return RegistrySettings.of(RegistryAddress.parse(address)).withStaleness(
            staleness == null ? RegistrySettings.DEFAULT_MAX_STALENESS : DurationConverter.parse(staleness),
            policy == null ? StalenessPolicy.OPEN : StalenessPolicy.parse(policy));
      } catch (IllegalArgumentException | picocli.CommandLine.TypeConversionException e) {
        throw new ExitCodes.InvalidInputException("registry: " + e.getMessage());
      }
    }

    /**
     * A node with a registry registers as a seed unless told not to (flag over file): the registry's
     * seed list is only as good as the nodes in it, and a node that follows a registry is, by default,
     * one others may join through. Without a registry there is nothing to register with.
     */
    static boolean registersAsSeed(Boolean flag, Boolean file) {
      return flag != null ? flag : file == null || file;
    }

    /** A bad policy file stops the node at start: exit 2, one line naming the file, place and problem. */
    private static Policy loadPolicy(Path file) {
      if (file == null) {
        return Policy.defaults();
      }
      try {
        return PolicyLoader.load(file);
      } catch (PolicyException e) {
        throw new ExitCodes.InvalidInputException(e.getMessage());
      }
    }

    private static String first(String flag, String file, String fallback) {
      return flag != null ? flag : file != null ? file : fallback;
    }
  }

  /** Applies the tuning section of the config file on top of a profile. */
  static final class Tuning {
    private Tuning() {}

    static MembershipConfig apply(MembershipConfig base, NodeFileConfig.Tuning t) {
      if (t == null) {
        return base;
      }
      long probe = t.probeInterval() != null ? nanos(t.probeInterval()) : base.probeInterval();
      long probeTimeout = t.probeTimeout() != null ? nanos(t.probeTimeout()) : Math.min(base.probeTimeout(), probe / 2);
      long gossip = t.gossipInterval() != null ? nanos(t.gossipInterval()) : base.gossipInterval();
      long pushPull = t.pushPullInterval() != null ? nanos(t.pushPullInterval()) : base.pushPullInterval();
      try {
        return new MembershipConfig(probe, probeTimeout,
            t.indirectChecks() != null ? t.indirectChecks() : base.indirectChecks(),
            gossip, t.fanout() != null ? t.fanout() : base.fanout(), pushPull, base.retransmitMult(),
            t.suspicionMult() != null ? t.suspicionMult() : base.suspicionMult(), base.suspicionMaxMult(),
            t.quorum() != null ? t.quorum() : base.quorum(), base.maxMessageBytes(), base.awarenessMax(),
            base.accusationBurst(), base.tombstoneTtl(), base.joinRetry(), base.rejoinBackoff(), base.rejoinBackoffCap());
      } catch (IllegalArgumentException e) {
        throw new ExitCodes.InvalidInputException("tuning: " + e.getMessage());
      }
    }

    private static long nanos(String value) {
      Duration d = DurationConverter.parse(value);
      return d.toNanos();
    }
  }
}
