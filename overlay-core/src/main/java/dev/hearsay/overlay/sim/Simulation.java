package dev.hearsay.overlay.sim;

import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Effects;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.MembershipConfig;
import dev.hearsay.overlay.core.MembershipCore;
import dev.hearsay.overlay.core.MembershipEvent;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.core.ProofSource;
import dev.hearsay.overlay.core.Timer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * A discrete-event simulation of many {@link MembershipCore}s on one virtual clock and a
 * {@link VirtualNetwork}. Events run in (time, insertion) order, so a seed fully determines a run. Every
 * membership event passes through the {@link InvariantChecker} as it happens.
 */
public final class Simulation {

  /** Observes membership events of all nodes (after the invariant check). */
  @FunctionalInterface
  public interface Listener {
    void onEvent(int observer, MembershipEvent event);
  }

  /** Observes packets as they leave a node. */
  @FunctionalInterface
  interface SendHook {
    void onSend(int from, Message message);
  }

  private static final int DELIVER = 0;
  private static final int TIMER = 1;
  private static final int ACTION = 2;

  private static final class Event {
    final long time;
    final long order;
    final int kind;
    final int node;
    final int from;
    final Object payload;

    Event(long time, long order, int kind, int node, int from, Object payload) {
      this.time = time;
      this.order = order;
      this.kind = kind;
      this.node = node;
      this.from = from;
      this.payload = payload;
    }
  }

  private final long seed;
  private final int n;
  private final MembershipCore[] cores;
  private final MemberId[] ids;
  private final String[] addresses;
  private final boolean[] crashed;
  private final NodeEffects[] effects;
  private final long[] bytesSent;
  private final long[] messagesSent;
  private final Map<String, Integer> byAddress;
  private final VirtualNetwork network;
  private final InvariantChecker checker;
  private final PriorityQueue<Event> queue = new PriorityQueue<>(
      (a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.order, b.order));
  private final List<Listener> listeners = new ArrayList<>();
  private SendHook sendHook;
  private long order;
  private long now;
  private long events;

  /** Creates {@code nodes} members; none is started. */
  public Simulation(SimulationConfig config) {
    this.seed = config.seed();
    this.n = config.nodes();
    MembershipConfig protocol = config.protocol();
    this.cores = new MembershipCore[n];
    this.ids = new MemberId[n];
    this.addresses = new String[n];
    this.crashed = new boolean[n];
    this.effects = new NodeEffects[n];
    this.bytesSent = new long[n];
    this.messagesSent = new long[n];
    this.byAddress = new HashMap<>(n * 2);
    this.network = new VirtualNetwork(seed, n, config.loss(), config.duplicate(), config.minDelay(),
        config.jitter());
    this.checker = new InvariantChecker(seed, protocol.quorum());
    SplittableRandom seeds = new SplittableRandom(seed ^ 0x5eed5eed5eedL);
    for (int i = 0; i < n; i++) {
      ids[i] = MemberId.of("sim.hearsay.dev", "t" + (i % 4), "n" + i);
      addresses[i] = "10." + (i >> 16) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff) + ":7946";
      byAddress.put(addresses[i], i);
      effects[i] = new NodeEffects(i);
      cores[i] = new MembershipCore(ids[i], addresses[i], protocol, seeds.split(), ProofSource.NONE, n);
    }
  }

  /** Gives nodes {@code [0, members)} a converged view of each other, as if they had run for a while. */
  public void preloadConverged(int members) {
    List<Alive> all = new ArrayList<>(members);
    for (int i = 0; i < members; i++) {
      all.add((Alive) cores[i].claimOf(ids[i]));
    }
    for (int i = 0; i < members; i++) {
      cores[i].bootstrap(all);
    }
  }

  /** Starts node {@code i} now, joining through the given seed nodes if it knows nobody. */
  public void start(int i, int... seedNodes) {
    List<String> seedAddresses = new ArrayList<>();
    for (int s : seedNodes) {
      seedAddresses.add(addresses[s]);
    }
    cores[i].start(now, seedAddresses, effects[i]);
  }

  /** Node {@code i} stops dead: no more deliveries, no more timers. */
  public void crash(int i) {
    crashed[i] = true;
  }

  /** Runs {@code action} at virtual time {@code at}. */
  public void at(long at, Runnable action) {
    queue.add(new Event(at, order++, ACTION, -1, -1, action));
  }

  public void addListener(Listener l) {
    listeners.add(l);
  }

  void setSendHook(SendHook hook) {
    this.sendHook = hook;
  }

  /** Processes events up to {@code until} or until {@code stop} holds after an event. */
  public void runUntil(long until, BooleanSupplier stop) {
    while (!queue.isEmpty() && queue.peek().time <= until) {
      Event e = queue.poll();
      now = e.time;
      events++;
      dispatch(e);
      if (stop.getAsBoolean()) {
        return;
      }
    }
    now = Math.max(now, until);
  }

  private void dispatch(Event e) {
    switch (e.kind) {
      case DELIVER -> {
        if (!crashed[e.node]) {
          cores[e.node].onMessage(now, ids[e.from], addresses[e.from], (Message) e.payload, effects[e.node]);
        }
      }
      case TIMER -> {
        if (!crashed[e.node]) {
          cores[e.node].onTimer(now, (Timer) e.payload, effects[e.node]);
        }
      }
      default -> ((Runnable) e.payload).run();
    }
  }

  /** Sends as node {@code from}: the same path the cores' own packets take. */
  void send(int from, String toAddress, Message message) {
    bytesSent[from] += message.estimatedBytes();
    messagesSent[from]++;
    if (sendHook != null) {
      sendHook.onSend(from, message);
    }
    Integer to = byAddress.get(toAddress);
    if (to == null || network.drops(from, to)) {
      return;
    }
    queue.add(new Event(now + network.delay(), order++, DELIVER, to, from, message));
    if (network.duplicates()) {
      queue.add(new Event(now + network.delay(), order++, DELIVER, to, from, message));
    }
  }

  private final class NodeEffects implements Effects {
    private final int node;

    NodeEffects(int node) {
      this.node = node;
    }

    @Override
    public void send(String address, Message message) {
      Simulation.this.send(node, address, message);
    }

    @Override
    public void schedule(long at, Timer timer) {
      queue.add(new Event(Math.max(at, now), order++, TIMER, node, node, timer));
    }

    @Override
    public void emit(MembershipEvent event) {
      checker.check(ids[node], event);
      for (Listener l : listeners) {
        l.onEvent(node, event);
      }
    }
  }

  public long now() {
    return now;
  }

  public long seed() {
    return seed;
  }

  public int size() {
    return n;
  }

  public long eventsProcessed() {
    return events;
  }

  public MembershipCore core(int i) {
    return cores[i];
  }

  public MemberId id(int i) {
    return ids[i];
  }

  public String address(int i) {
    return addresses[i];
  }

  public boolean isCrashed(int i) {
    return crashed[i];
  }

  VirtualNetwork network() {
    return network;
  }

  /** Total estimated bytes sent by node {@code i} so far. */
  public long bytesSent(int i) {
    return bytesSent[i];
  }

  public long messagesSent(int i) {
    return messagesSent[i];
  }
}
