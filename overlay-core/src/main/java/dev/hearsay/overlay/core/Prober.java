package dev.hearsay.overlay.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * SWIM failure detection for one node: randomized round-robin probes, ping-req through helpers, answering
 * probes, helping others probe, and the Lifeguard bookkeeping (NACKs feed the local-health score). A probe
 * that fails ends in an accusation, which the node's claim rules take from there.
 */
final class Prober {

  /** The probe this node is running (at most one per probe interval). */
  private static final class Probe {
    final long seq;
    final MemberId target;
    final String address;
    final long sentAt;
    boolean acked;
    int expectedNacks;
    int nacks;

    Probe(long seq, MemberId target, String address, long sentAt) {
      this.seq = seq;
      this.target = target;
      this.address = address;
      this.sentAt = sentAt;
    }
  }

  /** A ping this node sends on behalf of a ping-req. */
  private record IndirectProbe(long requesterSeq, String requesterAddress, MemberId target) {}

  private final MemberId self;
  private final MembershipConfig config;
  private final RandomGenerator rng;
  private final MemberTable table;
  private final Awareness awareness;
  private final NodeContext node;
  private final ProbeCycle probeCycle = new ProbeCycle();
  private final Map<Long, IndirectProbe> helping = new HashMap<>();
  private long seq;
  private Probe probe;

  Prober(MemberId self, MembershipConfig config, RandomGenerator rng, MemberTable table, Awareness awareness,
      NodeContext node) {
    this.self = self;
    this.config = config;
    this.rng = rng;
    this.table = table;
    this.awareness = awareness;
    this.node = node;
  }

  void onProbeTick(long now, Effects out) {
    judgePreviousProbe(now, out);
    out.schedule(now + awareness.scale(config.probeInterval()), Timer.PROBE);
    if (node.hasLeft()) {
      return;
    }
    MemberId target = nextProbeTarget();
    if (target == null) {
      return;
    }
    Alive a = table.alive(target);
    probe = new Probe(++seq, target, a.address(), now);
    out.send(a.address(), new Ping(probe.seq, target, node.piggybackFor(target)));
    out.schedule(now + awareness.scale(config.probeTimeout()), new Timer(Timer.Kind.PROBE_TIMEOUT, probe.seq, null));
  }

  private void judgePreviousProbe(long now, Effects out) {
    Probe p = probe;
    probe = null;
    if (p == null) {
      return;
    }
    if (p.acked) {
      awareness.apply(-1);
      return;
    }
    // Lifeguard: helpers that did not even NACK suggest that our own links are the problem.
    awareness.apply(p.expectedNacks > 0 ? p.expectedNacks - p.nacks : 1);
    out.unanswered(p.target, p.address, p.sentAt);
    node.accuse(now, p.target, out);
  }

  /**
   * The next live member in the randomized round robin that this node may accuse: a probe whose
   * failure it could not report is wasted (under a same-tenant or monitors policy most members are
   * someone else's to watch, and those are probed by them). If it may accuse no one, any live member,
   * so its own health is still measured.
   */
  private MemberId nextProbeTarget() {
    int cap = table.capacity();
    MemberId anyLive = null;
    // Two passes' worth: the cycle reshuffles at the end of each pass, so one pass's worth of slots
    // taken from the middle of the cycle may miss a member.
    for (int tries = 0; tries < 2 * cap; tries++) {
      int slot = probeCycle.nextSlot(cap, rng);
      MemberId id = table.keyAt(slot);
      if (id != null && !id.equals(self) && !table.topAt(slot).status().isGone() && table.aliveAt(slot) != null) {
        if (node.mayAccuse(id)) {
          return id;
        }
        anyLive = anyLive == null ? id : anyLive;
      }
    }
    return anyLive;
  }


  void onProbeTimeout(long now, long probeSeq, Effects out) {
    Probe p = probe;
    if (p == null || p.seq != probeSeq || p.acked) {
      return;
    }
    Alive targetAlive = table.alive(p.target);
    if (targetAlive == null) {
      return;
    }
    int helpers = 0;
    MemberId[] asked = new MemberId[config.indirectChecks()];
    while (helpers < asked.length) {
      int slot = table.randomSlot(rng, s -> mayHelp(s, p.target, asked));
      if (slot < 0) {
        break;
      }
      MemberId h = table.keyAt(slot);
      asked[helpers] = h;
      out.send(table.aliveAt(slot).address(),
          new PingReq(p.seq, p.target, targetAlive.address(), node.piggybackFor(h)));
      helpers++;
    }
    p.expectedNacks = helpers;
  }

  /** Whether the member in {@code slot} may probe {@code target} for us: ALIVE, allowed to see it, not yet asked. */
  private boolean mayHelp(int slot, MemberId target, MemberId[] asked) {
    MemberId h = table.keyAt(slot);
    return !h.equals(self) && !h.equals(target) && table.topAt(slot).status() == Status.ALIVE && table.aliveAt(slot) != null
        && !MembershipCore.contains(asked, h) && node.visibleTo(h, target);
  }

  void onPing(long now, MemberId from, String fromAddress, Ping p, Effects out) {
    node.mergeGossip(now, fromAddress, p.piggyback(), out);
    if (!p.target().equals(self) || node.hasLeft()) {
      return;
    }
    out.send(fromAddress, new Ack(p.seq(), self, node.withDeathNotice(from, node.answerFor(now, from, p.piggyback()))));
  }

  void onPingReq(long now, String fromAddress, PingReq r, Effects out) {
    node.mergeGossip(now, fromAddress, r.piggyback(), out);
    long helperSeq = ++seq;
    helping.put(helperSeq, new IndirectProbe(r.seq(), fromAddress, r.target()));
    // Paced by the target: the requester decides how often this ping goes out.
    out.send(r.targetAddress(), new Ping(helperSeq, r.target(), node.answerFor(now, r.target(), List.of())));
    out.schedule(now + Formulas.nackTimeout(config.probeTimeout()), new Timer(Timer.Kind.HELPER_NACK, helperSeq, null));
  }

  void onAck(long now, Ack a, Effects out) {
    node.mergeGossip(now, null, a.piggyback(), out);
    IndirectProbe relay = helping.remove(a.seq());
    if (relay != null) {
      if (relay.target().equals(a.target())) {
        out.send(relay.requesterAddress(), new Ack(relay.requesterSeq(), a.target(), List.of()));
      }
      return;
    }
    Probe p = probe;
    if (p != null && p.seq == a.seq() && p.target.equals(a.target())) {
      p.acked = true;
    }
  }

  void onNack(Nack n) {
    Probe p = probe;
    if (p != null && p.seq == n.seq()) {
      p.nacks++;
    }
  }

  void onHelperNack(long helperSeq, Effects out) {
    IndirectProbe relay = helping.remove(helperSeq);
    if (relay != null) {
      out.send(relay.requesterAddress(), new Nack(relay.requesterSeq()));
    }
  }

}
