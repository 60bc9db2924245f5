package dev.hearsay.overlay.bootstrap;

import dev.hearsay.registry.api.SeedAddress;
import dev.hearsay.registry.client.SeedList;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins the overlay through addresses from the registry's seed list. While the node has no live
 * member it reads the list and joins through a few listed addresses (never its own), again and
 * again with growing jittered waits, until someone answers. Once it has members it keeps reading
 * the list now and then, with waits growing to {@link SeedSettings#maxCheck()}, and syncs with
 * listed members it has never heard of: nodes that bootstrapped at the same moment may have found
 * only each other, and this joins such groups up.
 */
final class SeedBootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(SeedBootstrap.class);

  /** Where the node's membership last came from, for operators. */
  enum Source {
    /** Joins through addresses from the registry's seed list. */
    REGISTRY,
    /** The static seeds it was started with. */
    SEEDS,
    /** Another node joined through this one. */
    PEER
  }

  private final Supplier<CompletableFuture<SeedList>> fetch;
  private final NodeMembership membership;
  private final SeedSelection selection;
  private final boolean staticSeeds;
  private final URI registry;
  private final SeedSettings settings;
  private final Clock clock;
  private final Delays delays;
  private final RandomGenerator random;
  private final SeedTasks tasks;
  private final SeedCounters counters;
  private volatile boolean stopped;
  private volatile String lastError;
  /** Alone or joined, and how it joined: guarded by {@code this}, since {@link #health()} brings it up to date too. */
  private boolean alone = true;
  private List<String> tried = List.of();
  private Source source;
  private List<String> joinedThrough = List.of();
  private Instant joinedAt;
  /** The seed thread's own: what the last round saw, and the rounds since it changed. */
  private boolean aloneLastRound = true;
  private int aloneRounds;
  private int checkRounds;
  private int fetchFailures;

  SeedBootstrap(
      Supplier<CompletableFuture<SeedList>> fetch, NodeMembership membership, SeedSelection selection, boolean staticSeeds,
      URI registry, SeedSettings settings, Clock clock, Delays delays, RandomGenerator random, SeedTasks tasks,
      SeedCounters counters) {
    this.fetch = fetch;
    this.membership = membership;
    this.selection = selection;
    this.staticSeeds = staticSeeds;
    this.registry = registry;
    this.settings = settings;
    this.clock = clock;
    this.delays = delays;
    this.random = random;
    this.tasks = tasks;
    this.counters = counters;
  }

  /** Static seeds, when there are any, get {@link SeedSettings#staticSeedGrace()} to work alone first. */
  void start() {
    tasks.after(staticSeeds ? settings.staticSeedGrace() : Duration.ZERO, this::round);
  }

  void stop() {
    stopped = true;
  }

  private void round() {
    if (!stopped) {
      tasks.whenDone(fetch, this::listed);
    }
  }

  /** Brings alone/joined up to date with the node's view, noting how it joined; returns whether it is alone. */
  private synchronized boolean observe() {
    boolean aloneNow = !membership.hasLiveMember();
    if (aloneNow == alone) {
      return alone;
    }
    alone = aloneNow;
    if (aloneNow) {
      LOG.info("no live member left; asking the registry {} for seeds again", registry);
      return true;
    }
    source = !tried.isEmpty() ? Source.REGISTRY : staticSeeds ? Source.SEEDS : Source.PEER;
    joinedThrough = tried;
    joinedAt = clock.instant();
    tried = List.of();
    LOG.info("joined the overlay (source: {}{})", label(source), joinedThrough.isEmpty() ? "" : ", through " + joinedThrough);
    return false;
  }

  private synchronized void tried(List<String> addresses) {
    if (alone) {
      tried = addresses;
    }
  }

  private static String label(Source s) {
    return s == null ? null : s.name().toLowerCase(java.util.Locale.ROOT);
  }

  private void listed(SeedList list, Throwable failure) {
    if (stopped) {
      return;
    }
    if (failure != null) {
      failedToFetch(failure);
      return;
    }
    fetchFailures = 0;
    lastError = null;
    counters.fetched.increment();
    boolean aloneNow = observe();
    if (aloneNow != aloneLastRound) {
      aloneLastRound = aloneNow;
      aloneRounds = 0;
      checkRounds = 0;
    }
    List<String> contacted = List.of();
    try {
      contacted = contact(list, aloneNow);
    } catch (RuntimeException e) {
      // Whatever went wrong with this list, the node must keep trying to join.
      LOG.error("could not use the seed list of {}: {}", registry, e.toString());
    }
    Duration next;
    if (aloneNow) {
      next = delays.growing(++aloneRounds, settings.minBackoff(), settings.maxBackoff());
      if (contacted.isEmpty() && SeedTasks.worthWarning(aloneRounds)) {
        LOG.info("the registry {} lists no seed but this node ({} entries); asking again in {} ms", registry, list.seeds().size(), next.toMillis());
      }
    } else {
      next = delays.growing(++checkRounds, settings.firstCheck(), settings.maxCheck());
    }
    tasks.after(next, this::round);
  }

  /** Joins through a few listed addresses: any while alone, only members never heard of once joined. */
  private List<String> contact(SeedList list, boolean aloneNow) {
    if (list.malformed() > 0) {
      counters.malformed.increment(list.malformed());
      LOG.warn("the registry {} listed {} seed entries that do not parse; skipped: {}", registry, list.malformed(), list.problems());
    }
    List<String> addresses = dialable(
        selection.pick(list.seeds(), aloneNow ? member -> !membership.canIntroduce(member)
            : member -> !membership.canIntroduce(member) || membership.knows(member), settings.joinFanout(), random));
    if (addresses.isEmpty()) {
      return addresses;
    }
    membership.joinThrough(addresses);
    counters.joins.increment(addresses.size());
    tried(addresses);
    LOG.info(aloneNow ? "joining through {} from the seed list of {}" : "syncing with {}, listed at {} and not yet in this node's view",
        addresses, registry);
    return addresses;
  }

  private void failedToFetch(Throwable failure) {
    int inARow = ++fetchFailures;
    counters.fetchFailed.increment();
    lastError = SeedTasks.describe(failure);
    Duration next = delays.growing(inARow, settings.minBackoff(), aloneLastRound ? settings.maxBackoff() : settings.maxCheck());
    if (SeedTasks.worthWarning(inARow)) {
      LOG.warn("could not read the seed list of {}: {} (failure {} in a row; trying again in {} ms)", registry, lastError, inARow, next.toMillis());
    } else {
      LOG.debug("could not read the seed list of {}: {}", registry, lastError);
    }
    tasks.after(next, this::round);
  }

  /**
   * Resolved here, on the seed thread, so a slow name lookup never holds up the node's event loop;
   * an address that does not resolve is logged and skipped.
   */
  private static List<String> dialable(List<SeedAddress> addresses) {
    List<String> out = new ArrayList<>(addresses.size());
    for (SeedAddress a : addresses) {
      InetSocketAddress resolved = new InetSocketAddress(a.host(), a.port());
      if (resolved.isUnresolved()) {
        LOG.warn("seed address {} from the registry does not resolve; skipped", a);
        continue;
      }
      String ip = resolved.getAddress().getHostAddress();
      out.add((ip.contains(":") ? "[" + ip + "]" : ip) + ":" + a.port());
    }
    return out;
  }

  /** For the node's {@code /health}. */
  Map<String, Object> health() {
    boolean aloneNow = observe();
    Map<String, Object> h = new LinkedHashMap<>();
    synchronized (this) {
      h.put("state", stopped ? "stopped" : aloneNow ? "alone" : "joined");
      h.put("source", label(source));
      h.put("through", joinedThrough);
      h.put("joined_at", joinedAt == null ? null : joinedAt.toString());
    }
    h.put("last_error", lastError);
    return h;
  }
}
