package dev.hearsay.overlay.revocation;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.PeerCertificateValidator;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.crypto.Role;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.revocation.gossip.GossipLog;
import dev.hearsay.registry.client.RegistryClient;
import dev.hearsay.registry.client.RegistryClientOptions;
import dev.hearsay.registry.client.RevocationPage;
import dev.hearsay.registry.log.ChainVerification;
import dev.hearsay.registry.log.ChainVerifier;
import dev.hearsay.registry.log.HeadVerifier;
import dev.hearsay.registry.log.RevocationEntry;
import dev.hearsay.registry.log.RevocationSet;
import dev.hearsay.registry.log.RevocationTarget;
import dev.hearsay.registry.log.SignedHead;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node side of revocation: the verified copy of the registry log (loaded from the data
 * directory, kept up by a {@link RegistryFollower}, persisted after every change), the trust check
 * built on it, freshness, and enforcement on the node once an entry is accepted.
 *
 * <p>Every entry, whoever offers it (the registry or a gossip peer), goes through {@link #offer}:
 * verified up to a registry-signed head, added to the revocation set (from then on the target's
 * handshakes and claims are refused), enforced on the node (connections closed, member REVOKED),
 * then persisted, and finally handed to the listener that gossips new entries on.
 */
public final class NodeRevocation implements GossipLog, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeRevocation.class);
  /** A head that only got fresher is written at most this often; new entries are written at once. */
  static final Duration HEAD_PERSIST_INTERVAL = Duration.ofMinutes(1);

  private final RegistrySettings settings;
  private final VerifiedLog log;
  private final VerifiedLogFile file;
  private final Freshness freshness;
  private final MemberSerials serials = new MemberSerials();
  private final RegistryClient client;
  private final ScheduledThreadPoolExecutor executor;
  private final RegistryFollower follower;
  private final MeterRegistry metrics;
  private final Credentials self;
  private final List<RevocationEntry> unenforced = new ArrayList<>();
  private Enforcement enforcement;
  private volatile Consumer<List<RevocationEntry>> onAccepted = entries -> { };
  private long lastPersistNanos = System.nanoTime();
  private boolean dirty;

  private NodeRevocation(
      RegistrySettings settings, Credentials credentials, Path dataDir, MeterRegistry metrics) throws IOException {
    this.settings = settings;
    this.metrics = metrics;
    this.self = credentials;
    PeerCertificateValidator registryCertificates = new PeerCertificateValidator(
        credentials.trustBundle(), credentials.identity().trustDomain(), settings.clock(), RevocationCheck.NONE);
    this.log = new VerifiedLog(new ChainVerifier(new HeadVerifier(registryCertificates), VerifiedLog.MAX_ENTRIES));
    this.file = dataDir == null ? null : new VerifiedLogFile(dataDir);
    this.freshness = new Freshness(log::head, settings.clock(), settings.maxStaleness(), settings.policy());
    restore(credentials);
    this.client = RegistryClient.create(settings.registry(), credentials, RegistryClientOptions.DEFAULTS.withClock(settings.clock()));
    this.executor = new ScheduledThreadPoolExecutor(2, new DefaultThreadFactory("hearsay-registry-follower", true));
    executor.setRemoveOnCancelPolicy(true);
    this.follower =
        new RegistryFollower(client, log::position, this::offer, settings,
            new Backoff(settings.minBackoff(), settings.maxBackoff(), new SplittableRandom(new SecureRandom().nextLong())), executor);
    registerMetrics(metrics);
  }

  /**
   * Loads the persisted log (if {@code dataDir} has one), then tries one catch-up with the registry
   * for at most the startup timeout: a node that can reach its registry starts with every revocation
   * known; one that cannot starts on what it persisted and keeps trying in the background.
   *
   * @param dataDir where the verified log is kept across restarts; null keeps it in memory only
   * @throws IOException if the persisted log is damaged (the node refuses to start rather than forget)
   */
  public static NodeRevocation open(RegistrySettings settings, Credentials credentials, Path dataDir, MeterRegistry metrics)
      throws IOException {
    NodeRevocation r = new NodeRevocation(settings, credentials, dataDir, metrics);
    try {
      r.follower.start().get(settings.startupTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.warn("registry {} did not answer within {}; starting on the persisted log (#{}) and retrying in the background",
          settings.registry(), settings.startupTimeout(), r.log.position().sequence());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      r.close();
      throw new IOException("interrupted while fetching the revocation log", e);
    } catch (java.util.concurrent.ExecutionException e) {
      // The first attempt never completes exceptionally; failures are logged by the follower.
    }
    r.executor.scheduleWithFixedDelay(r.freshness::report, 0, freshnessCheckMillis(settings), TimeUnit.MILLISECONDS);
    if (dataDir == null) {
      LOG.warn("no data directory: the verified revocation log is not persisted, a restart starts from the registry alone");
    }
    return r;
  }

  private static long freshnessCheckMillis(RegistrySettings s) {
    return Math.max(100, Math.min(5_000, s.maxStaleness().toMillis() / 10));
  }

  /** The persisted copy is trusted only as far as it verifies again; as of its head's signing time, since that registry certificate may have expired since. */
  private void restore(Credentials credentials) throws IOException {
    if (file == null) {
      return;
    }
    Optional<VerifiedLog.Snapshot> saved = file.load();
    if (saved.isEmpty()) {
      return;
    }
    SignedHead head = saved.get().head();
    PeerCertificateValidator asSigned =
        new PeerCertificateValidator(
            credentials.trustBundle(), credentials.identity().trustDomain(), Clock.fixed(head.time(), java.time.ZoneOffset.UTC),
            RevocationCheck.NONE);
    ChainVerification v =
        log.offer(saved.get().entries(), head, new ChainVerifier(new HeadVerifier(asSigned), VerifiedLog.MAX_ENTRIES));
    if (!v.accepted()) {
      throw new IOException(file.path() + " does not verify (" + v + "); move it away to start from the registry alone");
    }
    LOG.info("loaded {} verified revocations up to {} from {}", v.entries().size(), head, file.path());
  }

  /**
   * The trust check of a node following this registry: the verified revocations, and under the
   * closed policy while the head is stale, refusal of node identities that are not members already.
   */
  public RevocationCheck check(Predicate<NodeIdentity> isMember) {
    RevocationSet set = log.revocations();
    RevocationCheck gate = freshness.closedGate(isMember);
    return (certificate, identity) -> {
      Optional<String> revoked = set.revocationReason(certificate, identity);
      return revoked.isPresent() ? revoked : gate.revocationReason(certificate, identity);
    };
  }

  /** Attaches the node's enforcement and applies it to anything accepted before (e.g. during the startup fetch). */
  public void start(Enforcement e) {
    List<RevocationEntry> pending;
    synchronized (this) {
      enforcement = e;
      pending = List.copyOf(unenforced);
      unenforced.clear();
    }
    pending.forEach(this::enforce);
  }

  /**
   * Hears of the entries of every accepted offer, whoever made it, after they are enforced; called
   * on the offering thread while this object's lock is held, so it must only hand them on.
   */
  public void whenAccepted(Consumer<List<RevocationEntry>> listener) {
    onAccepted = listener;
  }

  /** Remembers the certificate of an authenticated ALIVE, to map serial revocations to members. */
  public void learned(Alive alive) {
    serials.learn(alive);
  }

  /** Offers a page from the registry. */
  ChainVerification offer(RevocationPage page) {
    return offer(page.entries(), page.head());
  }

  /**
   * Offers entries and the head they lead to, from any source. Nothing happens unless the chain
   * verifies from this node's position to a head signed by a trusted registry.
   */
  @Override
  public synchronized ChainVerification offer(List<RevocationEntry> entries, SignedHead head) {
    ChainVerification v = log.offer(entries, head);
    count(v);
    if (!v.accepted()) {
      if (v.outcome() == ChainVerification.Outcome.REJECTED) {
        // Each caller logs it with its source (the follower names the registry, gossip the peer, at a bounded rate).
        LOG.debug("revocation entries refused: {}", v);
      }
      return v;
    }
    for (RevocationEntry entry : v.entries()) {
      LOG.info("revocation accepted: {}", entry);
      if (entry.target().matches(self.keyMaterial().certificate(), self.identity())) {
        // Peers refuse this node from now on; the operator must see why it drops out.
        LOG.error("this node's own {} is revoked by {}; peers will refuse it", entry.target(), entry);
      }
      if (enforcement == null) {
        unenforced.add(entry);
      } else {
        enforce(entry);
      }
    }
    dirty = true;
    if (!v.entries().isEmpty() || System.nanoTime() - lastPersistNanos >= HEAD_PERSIST_INTERVAL.toNanos()) {
      persist();
    }
    if (!v.entries().isEmpty()) {
      onAccepted.accept(v.entries());
    }
    return v;
  }

  private void enforce(RevocationEntry entry) {
    RevocationTarget target = entry.target();
    if (target.kind() == RevocationTarget.Kind.IDENTITY) {
      NodeIdentity member = NodeIdentity.parse(target.value());
      if (member.role() == Role.NODE) {
        enforcement.revoke(member, true, entry);
      }
      return;
    }
    NodeIdentity owner = serials.ownerOf(target.value());
    if (owner != null) {
      enforcement.revoke(owner, serials.isCurrent(owner, target.value()), entry);
    }
  }

  private void persist() {
    if (file == null || !dirty) {
      return;
    }
    try {
      file.save(log.snapshot());
      dirty = false;
      lastPersistNanos = System.nanoTime();
    } catch (java.nio.channels.ClosedByInterruptException e) {
      // Interrupted by close(), which writes it again once the follower has stopped.
      LOG.debug("persisting the verified revocation log was interrupted by shutdown");
    } catch (IOException | RuntimeException e) {
      // The entries are enforced already; the next accepted offer (or close) tries again.
      LOG.error("could not persist the verified revocation log to {}: {}", file.path(), e.toString());
    }
  }

  private void count(ChainVerification v) {
    Counter.builder("hearsay.registry.offers")
        .description("Offers of registry entries and heads, by outcome")
        .tag("outcome", v.outcome().name().toLowerCase(Locale.ROOT))
        .tag("reason", v.reason().name().toLowerCase(Locale.ROOT))
        .register(metrics)
        .increment();
  }

  private void registerMetrics(MeterRegistry registry) {
    Gauge.builder("hearsay.registry.head.age.seconds", freshness, Freshness::headAgeSeconds)
        .description("Age of the verified registry head (NaN before the first one)")
        .register(registry);
    Gauge.builder("hearsay.registry.stale", freshness, f -> f.stale() ? 1 : 0)
        .description("1 while the registry head is older than the maximum staleness")
        .register(registry);
    Gauge.builder("hearsay.registry.head.sequence", log, l -> l.position().sequence())
        .description("Sequence of the verified registry head")
        .register(registry);
    Gauge.builder("hearsay.registry.revocations", log, VerifiedLog::size)
        .description("Verified revocation entries held")
        .register(registry);
  }

  /** The verified revocations (grows only). */
  public RevocationSet revocations() {
    return log.revocations();
  }

  /** The verified head, or null before the first. */
  @Override
  public SignedHead head() {
    return log.head();
  }

  @Override
  public Slice after(long since, int max) {
    return log.after(since, max);
  }

  public boolean stale() {
    return freshness.stale();
  }

  /** For the node's {@code /health}. */
  public Map<String, Object> health() {
    Map<String, Object> h = new LinkedHashMap<>();
    SignedHead head = log.head();
    h.put("url", settings.registry().toString());
    h.put("head_sequence", head == null ? null : head.sequence());
    h.put("head_time", head == null ? null : head.time().toString());
    double age = freshness.headAgeSeconds();
    h.put("head_age_seconds", Double.isNaN(age) ? null : age);
    h.put("stale", freshness.stale());
    h.put("max_staleness_seconds", settings.maxStaleness().toSeconds());
    h.put("policy", settings.policy().label());
    h.put("revocations", log.size());
    h.put("last_error", follower.lastError());
    return h;
  }

  @Override
  public void close() {
    follower.close();
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      persist();
    }
    client.close();
  }
}
