package dev.hearsay.overlay.sim;

import dev.hearsay.crypto.CertificateAuthority;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.overlay.core.Formulas;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.core.RegistryHead;
import dev.hearsay.overlay.revocation.VerifiedLog;
import dev.hearsay.overlay.revocation.gossip.GossipEffects;
import dev.hearsay.overlay.revocation.gossip.RegistryGossip;
import dev.hearsay.overlay.revocation.gossip.RegistryGossipConfig;
import dev.hearsay.overlay.transport.TransportConfig;
import dev.hearsay.registry.log.ChainVerification;
import dev.hearsay.registry.log.RevocationEntry;
import dev.hearsay.registry.log.RevocationTarget;
import dev.hearsay.registry.log.SignedHead;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A discrete-event simulation of registry gossip: many {@link RegistryGossip} instances on one
 * virtual clock over a {@link VirtualNetwork}, each with its own {@link VerifiedLog} and the real
 * chain verification, offered real entries and heads signed by a {@link SimulatedRegistry}. The
 * registry publishes revocations; only the first {@code reachable} members hear it, the others
 * only through gossip. Membership is taken as converged (every member's view holds every other);
 * each member sends its head with a push-pull exchange at the scaled push-pull interval, as a node
 * does alongside its SYN and ACK. Measures, for every publish and member, the time from publish
 * until the member holds the entry. The same seed gives the same run.
 */
public final class RevocationSpread {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final long WARM_UP = 1_000_000_000L;

  private record Event(long time, long order, Runnable action) {}

  private final RevocationSpreadConfig config;
  private final SimulatedRegistry registry;
  private final VirtualNetwork network;
  private final VerifiedLog[] logs;
  private final RegistryGossip[] gossip;
  private final Member[] members;
  private final String[] ids;
  private final Map<String, Integer> byId;
  private final long[][] heldAt;
  private final long[] publishedAt;
  private final SplittableRandom rng;
  private final RevocationSpreadResult.Counts counts = new RevocationSpreadResult.Counts();
  private final PriorityQueue<Event> queue = new PriorityQueue<>(
      (a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.order, b.order));
  private long order;
  private long now;
  private int held;

  private RevocationSpread(RevocationSpreadConfig config) {
    this.config = config;
    int n = config.nodes();
    Clock clock = Clock.fixed(START, ZoneOffset.UTC);
    this.registry = new SimulatedRegistry(CertificateAuthority.create("sim.hearsay.dev", Duration.ofDays(30), clock));
    this.network = new VirtualNetwork(config.seed(), n, config.loss(), 0, config.minDelay(), config.jitter());
    this.rng = new SplittableRandom(config.seed() ^ 0x7e70c47e0L);
    this.logs = new VerifiedLog[n];
    this.gossip = new RegistryGossip[n];
    this.members = new Member[n];
    this.ids = new String[n];
    this.byId = new HashMap<>(2 * n);
    this.heldAt = new long[config.publishes()][n];
    this.publishedAt = new long[config.publishes()];
    for (long[] row : heldAt) {
      Arrays.fill(row, -1);
    }
    RegistryGossipConfig tuning = RegistryGossipConfig.of(config.membership(), TransportConfig.defaults().maxFrameBytes());
    for (int i = 0; i < n; i++) {
      ids[i] = NodeIdentity.node("sim.hearsay.dev", "t" + (i % 4), "n" + i).uri();
      byId.put(ids[i], i);
    }
    for (int i = 0; i < n; i++) {
      logs[i] = new VerifiedLog(registry.verifier(clock));
      members[i] = new Member(i);
      int self = i;
      gossip[i] = new RegistryGossip(tuning, logs[i], () -> othersThan(self), rng.split(), 0);
    }
  }

  public static RevocationSpreadResult run(RevocationSpreadConfig config) {
    long wallStart = System.nanoTime();
    RevocationSpread sim = new RevocationSpread(config);
    sim.schedule();
    long end = sim.publishedAt[config.publishes() - 1] + config.horizon();
    int all = config.nodes() * config.publishes();
    boolean drained = false;
    while (!sim.queue.isEmpty() && sim.queue.peek().time <= end) {
      Event e = sim.queue.poll();
      sim.now = e.time;
      e.action.run();
      if (!drained && sim.held == all) {
        // Every member holds every entry: let the pushes still queued run out, so the traffic counted is all of it.
        drained = true;
        end = Math.min(end, sim.now + sim.drainTime());
      }
    }
    return RevocationSpreadResult.of(config, sim.latencies(), sim.counts, System.nanoTime() - wallStart);
  }

  private void schedule() {
    long gossipInterval = config.membership().gossipInterval();
    long pushPull = Formulas.pushPullInterval(config.membership().pushPullInterval(), config.nodes());
    for (int i = 0; i < config.nodes(); i++) {
      int node = i;
      every(rng.nextLong(gossipInterval), gossipInterval, () -> gossip[node].onTick(now, members[node]));
      every(rng.nextLong(pushPull), pushPull, () -> pushPull(node));
    }
    for (int k = 0; k < config.publishes(); k++) {
      int publish = k;
      publishedAt[k] = WARM_UP + k * config.spacing();
      at(publishedAt[k], () -> publish(publish));
    }
  }

  /** Long enough for an entry accepted now to use up its transmissions. */
  private long drainTime() {
    int limit = Formulas.retransmitLimit(config.membership().retransmitMult(), config.nodes());
    return (limit / config.membership().fanout() + 2L) * config.membership().gossipInterval();
  }

  private void every(long first, long interval, Runnable action) {
    at(first, () -> {
      action.run();
      every(now + interval, interval, action);
    });
  }

  private void at(long time, Runnable action) {
    queue.add(new Event(time, order++, action));
  }

  /** The registry appends an entry; the members that reach it get it (a long-poll answer) after one network delay. */
  private void publish(int k) {
    registry.append(RevocationTarget.identity(NodeIdentity.node("sim.hearsay.dev", "t0", "revoked" + k)), "simulated", instant());
    SignedHead head = registry.head(instant());
    for (int r = 0; r < config.reachable(); r++) {
      int node = r;
      at(now + network.delay(), () -> {
        ChainVerification v = logs[node].offer(registry.entriesAfter(logs[node].size()), head);
        record(node, v);
        gossip[node].accepted(now, v.entries(), members[node]);
      });
    }
  }

  /** A push-pull exchange: the head goes with the SYN, the peer's head comes back with its ACK. */
  private void pushPull(int from) {
    int to = rng.nextInt(config.nodes() - 1);
    to = to >= from ? to + 1 : to;
    RegistryHead syn = gossip[from].headForPushPull();
    if (syn != null) {
      counts.sent(syn);
    }
    int peer = to;
    deliver(from, peer, () -> {
      if (syn != null) {
        gossip[peer].onMessage(now, ids[from], syn, members[peer]);
      }
      RegistryHead ack = gossip[peer].headForPushPull();
      if (ack != null) {
        members[peer].send(ids[from], ack);
      }
    });
  }

  private void deliver(int from, int to, Runnable arrival) {
    if (!network.drops(from, to)) {
      at(now + network.delay(), arrival);
    }
  }

  private void record(int node, ChainVerification v) {
    for (RevocationEntry e : v.entries()) {
      int k = (int) e.sequence() - 1;
      if (k < heldAt.length && heldAt[k][node] < 0) {
        heldAt[k][node] = now;
        held++;
      }
    }
  }

  private long[] latencies() {
    long[] out = new long[config.nodes() * config.publishes()];
    int n = 0;
    for (int k = 0; k < heldAt.length; k++) {
      for (long t : heldAt[k]) {
        if (t >= 0) {
          out[n++] = t - publishedAt[k];
        }
      }
    }
    return Arrays.copyOf(out, n);
  }

  private Instant instant() {
    return START.plusNanos(now);
  }

  private List<String> othersThan(int self) {
    return new AbstractList<>() {
      @Override
      public String get(int index) {
        return ids[index < self ? index : index + 1];
      }

      @Override
      public int size() {
        return ids.length - 1;
      }
    };
  }

  /** One member's effects: messages into the network, offers into the counts. */
  private final class Member implements GossipEffects {
    private final int node;

    Member(int node) {
      this.node = node;
    }

    @Override
    public void send(String peer, Message message) {
      int to = indexOf(peer);
      counts.sent(message);
      deliver(node, to, () -> gossip[to].onMessage(now, ids[node], message, members[to]));
    }

    @Override
    public boolean chargeVerification(String peer) {
      return true;
    }

    @Override
    public void offered(String peer, ChainVerification result) {
      counts.offered(result);
      record(node, result);
    }

    @Override
    public void dropped(String peer, Drop reason) {
      counts.dropped(reason);
    }
  }

  private int indexOf(String id) {
    return byId.get(id);
  }
}
