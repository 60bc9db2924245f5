package dev.hearsay.overlay.revocation.gossip;

import dev.hearsay.overlay.core.Formulas;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.core.RegistryHead;
import dev.hearsay.overlay.core.RevocationEntries;
import dev.hearsay.overlay.core.RevocationPull;
import dev.hearsay.overlay.revocation.gossip.GossipEffects.Drop;
import dev.hearsay.registry.log.ChainVerification;
import dev.hearsay.registry.log.RevocationEntry;
import dev.hearsay.registry.log.SignedHead;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Registry gossip as a pure state machine: {@code (now, event) -> effects}, with the clock and the
 * randomness injected and no threads or sockets, so the node drives it on its event loop with real
 * timers and a simulation drives thousands of instances in virtual time.
 *
 * <p>It decides only what to send and what to offer; the {@link GossipLog} decides what is true.
 * <ul>
 *   <li>A peer's head ahead of this node's: pull the gap from that peer (one pull in flight per
 *       peer, a few at once, a few new ones a second). Behind: push it the gap (its answer budget
 *       permitting). Same sequence but fresher or different: offer the head alone.
 *   <li>Entries that lead from this node's position to the head they came with are offered. A page
 *       that starts at the position but stops short of its head is kept and the rest pulled; one
 *       that starts beyond the position means a gap, which is pulled.
 *   <li>Entries newly accepted (from the registry or from a peer) are pushed at once to
 *       {@code fanout} random members, then again every gossip interval until each has been sent
 *       λ·ceil(log10(N+1)) times.
 *   <li>An offer that needs a signature check costs the peer a token of its offer rate and one
 *       verification of its budget; a rejected offer quarantines the peer for a while. Offers of
 *       heads the log ignores without a check (older, or not newer) are free.
 * </ul>
 */
public final class RegistryGossip {
  private final RegistryGossipConfig config;
  private final GossipLog log;
  private final Supplier<List<String>> members;
  private final RandomGenerator rng;
  private final Retransmits retransmits;
  private final Map<String, PeerState> peers;
  private final Map<String, PullSession> pulls = new HashMap<>();
  private final TokenRate pullRate;

  /**
   * @param members the members to push to (identity URIs, this node excluded), read when a push is due
   * @param now the monotonic time at creation (nanoseconds)
   */
  public RegistryGossip(RegistryGossipConfig config, GossipLog log, Supplier<List<String>> members, RandomGenerator rng, long now) {
    this.config = config;
    this.log = log;
    this.members = members;
    this.rng = rng;
    this.retransmits = new Retransmits(config.maxEntriesPerMessage());
    this.pullRate = new TokenRate(config.pullsPerSecond(), config.pullsPerSecond(), now);
    this.peers = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, PeerState> eldest) {
        return size() > config.maxPeers();
      }
    };
  }

  /** Whether {@code m} is a registry gossip message (the node hands those here, never to the membership core). */
  public static boolean carries(Message m) {
    return m instanceof RegistryHead || m instanceof RevocationPull || m instanceof RevocationEntries;
  }

  /** What to send alongside a push-pull SYN or ACK: this node's head; null before it has one. */
  public RegistryHead headForPushPull() {
    SignedHead head = log.head();
    return head == null ? null : new RegistryHead(head);
  }

  /**
   * Entries this node just accepted, whoever offered them (a repeat is harmless): queued for
   * pushing, and pushed at once if any is new.
   */
  public void accepted(long now, List<RevocationEntry> entries, GossipEffects out) {
    int n = Math.max(1, members.get().size());
    if (retransmits.add(entries, Formulas.retransmitLimit(config.retransmitMult(), n))) {
      push(out);
    }
  }

  /** A registry gossip message from the authenticated member {@code peer}. */
  public void onMessage(long now, String peer, Message m, GossipEffects out) {
    PeerState state = peers.computeIfAbsent(peer, p -> new PeerState(config, now));
    if (state.quarantined(now)) {
      out.dropped(peer, Drop.QUARANTINED);
      return;
    }
    if (m instanceof RegistryHead h) {
      onHead(now, peer, state, h.head(), out);
    } else if (m instanceof RevocationPull p) {
      answer(now, peer, state, p.since(), p.max(), out);
    } else if (m instanceof RevocationEntries e) {
      onEntries(now, peer, state, e, out);
    }
  }

  /** Every gossip interval: give up unanswered pulls, push what still has transmissions left. */
  public void onTick(long now, GossipEffects out) {
    Iterator<Map.Entry<String, PullSession>> it = pulls.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, PullSession> e = it.next();
      if (e.getValue().expired(now)) {
        it.remove();
        out.dropped(e.getKey(), Drop.PULL_TIMEOUT);
      }
    }
    if (!retransmits.isEmpty()) {
      push(out);
    }
  }

  /** Pulls awaiting an answer. */
  public int pullsInFlight() {
    return pulls.size();
  }

  /** Entries with transmissions left. */
  public int queued() {
    return retransmits.size();
  }

  private void onHead(long now, String peer, PeerState state, SignedHead theirs, GossipEffects out) {
    long mine = position();
    if (theirs.sequence() > mine) {
      pull(now, peer, mine, out);
    } else if (theirs.sequence() < mine) {
      answer(now, peer, state, theirs.sequence(), config.maxEntriesPerMessage(), out);
    } else if (!ignorable(theirs)) {
      offer(now, peer, state, List.of(), theirs, out);
    }
  }

  private void onEntries(long now, String peer, PeerState state, RevocationEntries m, GossipEffects out) {
    SignedHead head = m.head();
    PullSession session = pulls.get(peer);
    List<RevocationEntry> entries = session != null && session.continuesWith(m.entries()) ? session.with(m.entries()) : m.entries();
    long mine = position();
    if (head.sequence() <= mine || ignorable(head) || leadsToHead(entries, mine, head)) {
      pulls.remove(peer);
      offer(now, peer, state, entries, head, out);
    } else if (!entries.isEmpty() && entries.get(0).sequence() <= mine + 1) {
      gather(now, peer, state, session, entries, out);
    } else {
      pull(now, peer, mine, out);
    }
  }

  /** Entries that start at or below the next sequence this node needs and reach the head. */
  private static boolean leadsToHead(List<RevocationEntry> entries, long mine, SignedHead head) {
    return !entries.isEmpty()
        && entries.get(0).sequence() <= mine + 1
        && entries.get(entries.size() - 1).sequence() >= head.sequence();
  }

  /**
   * A run from this node's position that stops short of its head: keep it, ask for the rest. A peer
   * whose gap outgrows the bound is quarantined: an honest one has nothing to give that the registry
   * cannot, and a lying one would otherwise hold a pull slot and memory again at once.
   */
  private void gather(long now, String peer, PeerState state, PullSession session, List<RevocationEntry> entries, GossipEffects out) {
    if (entries.size() > config.maxGatheredEntries()) {
      pulls.remove(peer);
      state.quarantine(now + config.rejectionQuarantine());
      out.dropped(peer, Drop.GATHER_LIMIT);
      return;
    }
    if (session == null && !mayStartPull(now)) {
      return;
    }
    PullSession next = PullSession.holding(entries, now + config.pullTimeout());
    pulls.put(peer, next);
    out.send(peer, new RevocationPull(next.since(), config.maxEntriesPerMessage()));
  }

  private void pull(long now, String peer, long since, GossipEffects out) {
    if (pulls.containsKey(peer) || !mayStartPull(now)) {
      return;
    }
    pulls.put(peer, PullSession.asked(since, now + config.pullTimeout()));
    out.send(peer, new RevocationPull(since, config.maxEntriesPerMessage()));
  }

  private boolean mayStartPull(long now) {
    return pulls.size() < config.maxPullsInFlight() && pullRate.tryTake(now);
  }

  /** Sends the peer this node's entries after {@code since} (one page) and its head. */
  private void answer(long now, String peer, PeerState state, long since, int max, GossipEffects out) {
    if (log.head() == null) {
      return;
    }
    if (!state.answers.tryTake(now)) {
      out.dropped(peer, Drop.ANSWER_RATE);
      return;
    }
    GossipLog.Slice slice = log.after(since, Math.min(max, config.maxEntriesPerMessage()));
    out.send(peer, new RevocationEntries(fit(slice.entries(), slice.head(), false), slice.head()));
  }

  private void offer(long now, String peer, PeerState state, List<RevocationEntry> entries, SignedHead head, GossipEffects out) {
    if (!ignorable(head)) {
      if (!state.offers.tryTake(now)) {
        out.dropped(peer, Drop.OFFER_RATE);
        return;
      }
      if (!out.chargeVerification(peer)) {
        out.dropped(peer, Drop.VERIFICATION_BUDGET);
        return;
      }
    }
    ChainVerification v = log.offer(entries, head);
    out.offered(peer, v);
    if (v.outcome() == ChainVerification.Outcome.REJECTED) {
      state.quarantine(now + config.rejectionQuarantine());
    } else if (v.accepted()) {
      accepted(now, v.entries(), out);
    }
  }

  /** Pushes the queued entries (the log's run up to its head) to {@code fanout} random members. */
  private void push(GossipEffects out) {
    SignedHead head = log.head();
    if (head == null) {
      return;
    }
    long from = Math.max(retransmits.lowest() - 1, head.sequence() - config.maxEntriesPerMessage());
    GossipLog.Slice slice = log.after(from, config.maxEntriesPerMessage());
    List<RevocationEntry> entries = fit(slice.entries(), slice.head(), true);
    if (entries.isEmpty()) {
      retransmits.forgetBelow(Long.MAX_VALUE);
      return;
    }
    long first = entries.get(0).sequence();
    long last = entries.get(entries.size() - 1).sequence();
    retransmits.forgetBelow(first);
    RevocationEntries message = new RevocationEntries(entries, slice.head());
    for (String member : pick(members.get(), config.fanout())) {
      out.send(member, message);
      retransmits.sent(first, last);
    }
  }

  /** As many of {@code entries} as fit one message with {@code head}: the first ones, or the last ones. */
  private List<RevocationEntry> fit(List<RevocationEntry> entries, SignedHead head, boolean keepLast) {
    int budget = config.maxMessageBytes() - Message.FRAME_BYTES - 2 - RevocationEntries.headBytes(head);
    int n = 0;
    for (int i = 0; i < entries.size(); i++) {
      budget -= RevocationEntries.entryBytes(entries.get(keepLast ? entries.size() - 1 - i : i));
      if (budget < 0) {
        break;
      }
      n++;
    }
    return keepLast ? entries.subList(entries.size() - n, entries.size()) : entries.subList(0, n);
  }

  /** Up to {@code n} distinct members at random. */
  private List<String> pick(List<String> all, int n) {
    if (all.size() <= n) {
      return all;
    }
    List<String> picked = new ArrayList<>(n);
    while (picked.size() < n) {
      String candidate = all.get(rng.nextInt(all.size()));
      if (!picked.contains(candidate)) {
        picked.add(candidate);
      }
    }
    return picked;
  }

  private long position() {
    SignedHead mine = log.head();
    return mine == null ? 0 : mine.sequence();
  }

  /** A head the log ignores without checking its signature: older than this node's, or the same and not newer. */
  private boolean ignorable(SignedHead head) {
    SignedHead mine = log.head();
    return mine != null
        && (head.sequence() < mine.sequence()
            || (head.sequence() == mine.sequence() && head.hash().equals(mine.hash()) && !head.time().isAfter(mine.time())));
  }
}
