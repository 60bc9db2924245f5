package dev.hearsay.overlay.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Anti-entropy and joining: periodic push-pull with one peer (digest first, then only the entries of the
 * buckets that differ, both ways), the join through seed addresses, and the quick resync with a member that
 * comes back from the dead.
 */
final class AntiEntropy {

  /** How long, in probe intervals, a node keeps syncing after it saw a member come back from the dead. */
  private static final int HEALING_WINDOW_PROBES = 30;
  /**
   * How long, in gossip intervals, the later claims of an answer about a member it introduced stay quiet
   * (5 s in the LAN profile): the parts of one answer arrive back to back.
   */
  static final int QUIET_AFTER_LEARNING_GOSSIP_INTERVALS = 25;

  private final MemberId self;
  private final MembershipConfig config;
  private final RandomGenerator rng;
  private final MemberTable table;
  private final NodeContext node;
  private List<String> seeds = List.of();
  private int seedIndex;
  private boolean joined;
  private long lastTriggeredSync = Long.MIN_VALUE / 2;
  /** Members first learned from an answer, oldest first, with when they stop being quiet. At most the view's size. */
  private final LinkedHashMap<MemberId, Long> learnedQuietly = new LinkedHashMap<>();
  private long healingUntil = Long.MIN_VALUE;
  private long lastHealingSync = Long.MIN_VALUE / 2;

  AntiEntropy(MemberId self, MembershipConfig config, RandomGenerator rng, MemberTable table, NodeContext node) {
    this.self = self;
    this.config = config;
    this.rng = rng;
    this.table = table;
    this.node = node;
  }

  void setSeeds(List<String> seedAddresses) {
    seeds = List.copyOf(seedAddresses);
  }

  boolean hasSeeds() {
    return !seeds.isEmpty();
  }

  boolean joined() {
    return joined;
  }

  void markJoined() {
    joined = true;
  }

  long pushPullInterval() {
    return Formulas.pushPullInterval(config.pushPullInterval(), table.size());
  }

  void onPushPullTick(long now, Effects out) {
    out.schedule(now + pushPullInterval(), Timer.PUSH_PULL);
    if (node.hasLeft()) {
      return;
    }
    // Any member but ourselves, the DEAD included: talking to the "dead" is how a healed partition
    // finds out (they learn of their death, refute, and come back).
    int slot = table.randomSlot(rng, s -> {
      Status st = table.topAt(s).status();
      return !table.keyAt(s).equals(self) && table.aliveAt(s) != null && st != Status.LEFT && st != Status.REVOKED;
    });
    if (slot >= 0) {
      out.send(table.aliveAt(slot).address(), new PushPullSyn(digestFor(table.keyAt(slot)), false));
    }
  }

  /**
   * A member we held DEAD is back: likely a healed partition, where both sides hold the other DEAD and so
   * stopped gossiping to it. Anti-entropy with the returning member right away (at most once per gossip
   * interval) bridges the two sides in seconds instead of waiting for the periodic push-pull.
   */
  void resyncWithReturning(long now, Alive returning, Effects out) {
    healingUntil = now + HEALING_WINDOW_PROBES * config.probeInterval();
    if (node.hasLeft() || now - lastTriggeredSync < config.gossipInterval()) {
      return;
    }
    lastTriggeredSync = now;
    out.send(returning.address(), new PushPullSyn(digestFor(returning.subject()), false));
  }

  /**
   * A member we do not know is talking to us: we missed its arrival (its ALIVE ran out of retransmits
   * before it reached us, which happens when many join at once). Anti-entropy with it right away (at
   * most once per gossip interval, shared with the returning-member sync) closes the gap in one round
   * trip instead of waiting for the periodic push-pull.
   */
  void syncWithStranger(long now, MemberId stranger, String address, Effects out) {
    if (!joined || node.hasLeft() || now - lastTriggeredSync < config.gossipInterval()) {
      return;
    }
    lastTriggeredSync = now;
    out.send(address, new PushPullSyn(digestFor(stranger), false));
  }

  /**
   * While a heal is under way (members recently came back from the dead), also sync with one random live
   * peer per probe interval: after the bulk of a heal, a few views keep a refuted DEAD entry that no longer
   * circulates, and a digest exchange with anyone finds it. In sync, that costs a few hundred bytes.
   */
  void onGossipTick(long now, Effects out) {
    if (now >= healingUntil || node.hasLeft() || now - lastHealingSync < config.probeInterval()) {
      return;
    }
    int slot = table.randomSlot(rng, s -> table.reachableOther(s, self));
    if (slot >= 0) {
      lastHealingSync = now;
      out.send(table.aliveAt(slot).address(), new PushPullSyn(digestFor(table.keyAt(slot)), false));
    }
  }

  void sendJoin(Effects out) {
    String seed = seeds.get(seedIndex % seeds.size());
    seedIndex++;
    out.send(seed, joinSyn());
  }

  /**
   * A join: our digest and our own ALIVE. Whose address a seed is is not known yet, so the digest covers
   * what everyone may see.
   */
  PushPullSyn joinSyn() {
    return new PushPullSyn(digestFor(null), true, List.of(node.ownAlive()));
  }

  void onJoinRetry(long now, Effects out) {
    if (joined || node.hasLeft()) {
      return;
    }
    sendJoin(out);
    out.schedule(now + Formulas.joinRetryDelay(seedIndex, seeds.size(), config.joinRetry()), Timer.JOIN_RETRY);
  }

  void onSyn(long now, MemberId from, String fromAddress, PushPullSyn syn, Effects out) {
    // The joiner's announcement, taken first: the seed lists it now, and the digests below then agree on it.
    List<Claim> own = syn.claims().stream().filter(c -> c.subject().equals(from)).toList();
    if (!own.isEmpty()) {
      mergeAntiEntropy(now, from, own, out);
    }
    ViewDigest mine = digestFor(from);
    if (mine.root() == syn.digest().root()) {
      out.send(fromAddress, new PushPullAck(0, List.of()));
      return;
    }
    long mask = mine.differingBuckets(syn.digest());
    out.send(fromAddress, new PushPullAck(mask, entriesIn(mask, from)));
  }

  void onPushPullAck(long now, MemberId from, String fromAddress, PushPullAck ack, Effects out) {
    joined = true;
    if (ack.bucketMask() == 0) {
      // The views agree (no claims), or this is a later part of an answer too large for one frame.
      mergeAntiEntropy(now, from, ack.claims(), out);
      return;
    }
    Map<MemberId, Claim> theirs = new HashMap<>(ack.claims().size() * 2);
    for (Claim c : ack.claims()) {
      Claim known = theirs.get(c.subject());
      if (known == null || c.supersedes(known)) {
        theirs.put(c.subject(), c);
      }
    }
    // Our answer is computed before merging, so it holds what we knew and they did not.
    List<Claim> answer = new ArrayList<>();
    for (Claim mineClaim : entriesIn(ack.bucketMask(), from)) {
      Claim known = theirs.get(mineClaim.subject());
      if (known == null || mineClaim.supersedes(known)
          || (mineClaim instanceof Alive && known.status() != Status.ALIVE
              && mineClaim.incarnation() > known.incarnation())) {
        answer.add(mineClaim);
      }
    }
    mergeAntiEntropy(now, from, ack.claims(), out);
    if (!answer.isEmpty()) {
      out.send(fromAddress, new PushPullAck2(answer));
    }
  }

  /**
   * Merges a peer's entries. Members new to us are taken quietly (a joiner learning the whole view must not
   * re-broadcast it), but changes to members we knew (a refutation, a death) and the peer's own claims (how a
   * joiner's announcement starts to spread) are gossiped on.
   *
   * <p>A member learned this way stays quiet for {@link #QUIET_AFTER_LEARNING_GOSSIP_INTERVALS}: the same
   * answer holds its ALIVE and then, in the same part or a later one, its LEFT or DEAD. Taking the ALIVE
   * made it known, and without this its tombstone went out as news: a joiner gossiped the cluster's
   * whole graveyard back to it, ahead of anything of its own (its LEAVE, when it left soon after).
   */
  void mergeAntiEntropy(long now, MemberId from, List<Claim> claims, Effects out) {
    forgetQuietBefore(now);
    for (Claim c : claims) {
      MemberId subject = c.subject();
      boolean known = table.find(subject) >= 0;
      boolean fromThePeer = subject.equals(from);
      if (!known && !fromThePeer) {
        learnedQuietly.put(subject, now + QUIET_AFTER_LEARNING_GOSSIP_INTERVALS * config.gossipInterval());
      }
      node.apply(now, c, fromThePeer || (known && !learnedQuietly.containsKey(subject)), out);
    }
  }

  /** Whether {@code subject} was first learned from an answer lately (see {@link MembershipEvent#catchUp}). */
  boolean isCatchingUpOn(MemberId subject) {
    return learnedQuietly.containsKey(subject);
  }

  private void forgetQuietBefore(long now) {
    Iterator<Map.Entry<MemberId, Long>> oldestFirst = learnedQuietly.entrySet().iterator();
    while (oldestFirst.hasNext() && now - oldestFirst.next().getValue() >= 0) {
      oldestFirst.remove();
    }
  }

  /**
   * The digest over the entries both this node and {@code peer} may see ({@code peer} null: not known
   * yet, so only what everyone may see). Both sides compute the same set of classes, so two views
   * that agree on what they share have equal digests, and nothing about a class the peer may not see
   * reaches it, not even as a bucket hash.
   */
  ViewDigest digestFor(MemberId peer) {
    MemberVisibility v = node.visibility();
    if (peer == null) {
      return table.digest(List.of(MemberVisibility.EVERYONE));
    }
    boolean mineAll = v.seesEveryClass(self);
    boolean theirsAll = v.seesEveryClass(peer);
    if (mineAll && theirsAll) {
      return table.digest();
    }
    String shared;
    if (theirsAll) {
      shared = v.classOf(self);
    } else if (mineAll) {
      shared = v.classOf(peer);
    } else {
      shared = v.classOf(self).equals(v.classOf(peer)) ? v.classOf(self) : MemberVisibility.EVERYONE;
    }
    return shared.equals(MemberVisibility.EVERYONE)
        ? table.digest(List.of(MemberVisibility.EVERYONE))
        : table.digest(List.of(MemberVisibility.EVERYONE, shared));
  }

  /**
   * For every entry in the masked buckets that {@code peer} may see: its ALIVE (for the address), and
   * its winning claim if different. A member that left goes as its LEAVE alone: nobody talks to it
   * again, so its address is of no use, and the LEAVE outranks any ALIVE of its incarnation by
   * itself. A join answer is mostly such tombstones in an overlay with churn; each ALIVE left out
   * saves its bytes and the joiner a signature verification.
   */
  private List<Claim> entriesIn(long mask, MemberId peer) {
    List<Claim> claims = new ArrayList<>();
    for (int slot = 0; slot < table.capacity(); slot++) {
      MemberId id = table.keyAt(slot);
      if (id == null || (mask & (1L << ViewDigest.bucketOf(id))) == 0 || !node.visibleTo(peer, id)) {
        continue;
      }
      Alive a = table.aliveAt(slot);
      Claim top = table.topAt(slot);
      if (top.status() == Status.REVOKED) {
        // Registry state never travels as a claim (peers learn it from the registry's signed log),
        // and a revoked member's own claims are worthless to anyone.
        continue;
      }
      if (a != null && top.status() != Status.LEFT) {
        claims.add(a);
      }
      if (top != a) {
        claims.add(top);
      }
    }
    return claims;
  }

}
