package dev.hearsay.overlay.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The SWIM membership protocol of one node as a pure state machine. Every input is a call with the current
 * monotonic time in nanoseconds; every output goes to the {@link Effects} passed with it. Nothing here reads a
 * clock, starts a thread or touches a socket; randomness comes from the injected generator, so a driver that
 * replays the same inputs gets the same outputs.
 *
 * <p>Messages and claims handed to this class are already authenticated: the sender is the identity of the
 * channel, and every claim's proof was checked against its signer by the layer around the core.
 */
public final class MembershipCore {

  private final MemberId self;
  private final MembershipConfig config;
  private final RandomGenerator rng;
  private final ProofSource proofs;
  private AccusationPolicy accusations = AccusationPolicy.ANYONE;
  private MemberVisibility visibility = MemberVisibility.ALL;

  private final MemberTable table;
  private final Disseminator disseminator = new Disseminator();
  private final AnswerPacing answerPacing;
  private final Awareness awareness;
  private final AccusationLimiter limiter;
  private final Map<MemberId, Suspicion> suspicions = new HashMap<>();
  private final Map<MemberId, Long> goneSince = new HashMap<>();

  private final Prober prober;
  private final AntiEntropy antiEntropy;
  private final MetadataSync metadata;

  private final SelfClaims selfClaims;
  private boolean started;

  public MembershipCore(MemberId self, String address, MembershipConfig config,
      RandomGenerator rng, ProofSource proofs, int expectedMembers) {
    this(self, address, 0, Metadata.NONE, config, rng, proofs, expectedMembers);
  }

  /**
   * A node that starts at {@code startIncarnation} with {@code ownMetadata}: a restarted node passes one
   * more than the last incarnation it persisted, so its first ALIVE already out-claims its earlier life.
   */
  public MembershipCore(MemberId self, String address, long startIncarnation, Metadata ownMetadata,
      MembershipConfig config, RandomGenerator rng, ProofSource proofs, int expectedMembers) {
    if (startIncarnation < 0) {
      throw new IllegalArgumentException("negative start incarnation");
    }
    this.self = self;
    this.config = config;
    this.rng = rng;
    this.proofs = proofs;
    this.table = new MemberTable(Math.max(1, expectedMembers));
    this.answerPacing = new AnswerPacing(Math.max(1, config.gossipInterval() / 2));
    this.awareness = new Awareness(config.awarenessMax());
    this.limiter = new AccusationLimiter(config.probeInterval(), config.accusationBurst());
    NodeContext context = new Context();
    this.prober = new Prober(self, config, rng, table, awareness, context);
    this.antiEntropy = new AntiEntropy(self, config, rng, table, context);
    this.metadata = new MetadataSync(self, config, table);
    this.selfClaims = new SelfClaims(self, address, ownMetadata, startIncarnation, config, proofs, table, disseminator, awareness);
  }

  // ---------------------------------------------------------------- inputs

  /**
   * Preloads members known from elsewhere (a persisted view, or a simulator building a converged cluster).
   * Emits nothing and broadcasts nothing.
   */
  public void bootstrap(Collection<Alive> members) {
    for (Alive a : members) {
      if (!a.subject().equals(self) && table.find(a.subject()) < 0) {
        table.put(a.subject(), a, a);
      }
    }
    if (table.size() > 1) {
      antiEntropy.markJoined();
    }
  }

  /** Starts the timers and, if this node knows nobody yet, joins through {@code seedAddresses}. */
  public void start(long now, List<String> seedAddresses, Effects out) {
    if (started) {
      throw new IllegalStateException("already started");
    }
    started = true;
    antiEntropy.setSeeds(seedAddresses);
    if (!antiEntropy.joined()) {
      disseminator.enqueue(selfClaims.current()); // a newcomer announces itself; a preloaded member is known already
    }
    // Random phases, so a cluster started at once does not probe and gossip in lockstep.
    out.schedule(now + rng.nextLong(config.probeInterval()), Timer.PROBE);
    out.schedule(now + rng.nextLong(config.gossipInterval()), Timer.GOSSIP);
    out.schedule(now + rng.nextLong(antiEntropy.pushPullInterval()), Timer.PUSH_PULL);
    out.schedule(now + config.tombstoneTtl() / 4, Timer.REAP);
    if (!antiEntropy.joined() && antiEntropy.hasSeeds()) {
      antiEntropy.sendJoin(out);
      out.schedule(now + config.joinRetry(), Timer.JOIN_RETRY);
    }
  }

  /** A message from the authenticated member {@code from}, reachable at {@code fromAddress}. */
  public void onMessage(long now, MemberId from, String fromAddress, Message message, Effects out) {
    if (from.equals(self) || isRevoked(from)) {
      return;
    }
    if (table.find(from) < 0 && !(message instanceof PushPullSyn || message instanceof PushPullAck)) {
      antiEntropy.syncWithStranger(now, from, fromAddress, out);
    }
    if (message instanceof Gossip g) {
      onGossip(now, from, fromAddress, g, out);
    } else if (message instanceof Ping p) {
      prober.onPing(now, from, fromAddress, p, out);
    } else if (message instanceof Ack a) {
      prober.onAck(now, a, out);
    } else if (message instanceof PingReq r) {
      prober.onPingReq(now, fromAddress, r, out);
    } else if (message instanceof Nack n) {
      prober.onNack(n);
    } else if (message instanceof PushPullSyn syn) {
      antiEntropy.onSyn(now, from, fromAddress, syn, out);
    } else if (message instanceof PushPullAck a) {
      antiEntropy.onPushPullAck(now, from, fromAddress, a, out);
    } else if (message instanceof PushPullAck2 a) {
      antiEntropy.mergeAntiEntropy(now, from, a.claims(), out);
    } else if (message instanceof MemberPull p) {
      onPull(from, fromAddress, p, out);
    } else if (message instanceof MemberPush p) {
      if (visibility.mayView(self, p.alive().subject())) {
        metadata.store(p.alive().subject(), p.meta());
      }
      mergeGossip(now, fromAddress, List.of(p.alive()), out);
    }
    reportMetadataChanges(out);
  }

  private void onPull(MemberId from, String fromAddress, MemberPull pull, Effects out) {
    MemberId subject = pull.subject();
    if (!visibleTo(from, subject)) {
      return;
    }
    if (subject.equals(self)) {
      if (!selfClaims.hasLeft()) {
        out.send(fromAddress, new MemberPush(selfClaims.current(), selfClaims.metas()));
      }
      return;
    }
    int slot = table.find(subject);
    if (slot >= 0 && table.aliveAt(slot) != null && table.topAt(slot).status() != Status.REVOKED) {
      out.send(fromAddress, new MemberPush(table.aliveAt(slot), metadata.heldFor(subject)));
    }
  }

  private void reportMetadataChanges(Effects out) {
    for (MemberId subject : metadata.drainChanged()) {
      out.metadata(subject, metadata.entriesOf(subject));
    }
  }

  /** A timer set earlier came due. */
  public void onTimer(long now, Timer timer, Effects out) {
    switch (timer.kind()) {
      case PROBE -> prober.onProbeTick(now, out);
      case PROBE_TIMEOUT -> prober.onProbeTimeout(now, timer.seq(), out);
      case HELPER_NACK -> prober.onHelperNack(timer.seq(), out);
      case GOSSIP -> {
        onGossipTick(now, out);
        metadata.onGossipTick(now, out);
      }
      case PUSH_PULL -> antiEntropy.onPushPullTick(now, out);
      case SUSPICION -> onSuspicionTimer(now, timer.subject(), out);
      case JOIN_RETRY -> antiEntropy.onJoinRetry(now, out);
      case REJOIN -> selfClaims.onRejoin(now);
      case REAP -> onReap(now, out);
    }
  }

  /**
   * Graceful leave: announces LEAVE at the current incarnation and stops probing. The LEAVE goes at once
   * to {@code fanout} members, besides taking its turn in the gossip queue: a leaving node lingers only
   * briefly, the queue may hold older news ahead of it, and a LEAVE that reaches no one leaves the node
   * ALIVE in every view until probes find it gone.
   */
  public void leave(long now, Effects out) {
    if (selfClaims.hasLeft()) {
      return;
    }
    selfClaims.leave();
    List<Claim> leave = List.of(table.top(self));
    for (int slot : randomReachablePeers(config.fanout())) {
      out.send(table.aliveAt(slot).address(), new Gossip(leave, false));
    }
  }

  /** The registry revoked {@code r.subject()}: it is out for good, whatever gossip says later. */
  public void revoke(long now, Revoked r, Effects out) {
    MemberId subject = r.subject();
    Claim previous = table.top(subject);
    if (previous != null && previous.status() == Status.REVOKED) {
      return;
    }
    table.put(subject, table.alive(subject), r);
    suspicions.remove(subject);
    goneSince.remove(subject);
    limiter.forget(subject);
    metadata.forget(subject);
    out.emit(new MembershipEvent(MembershipEvent.Kind.REVOKED, subject, previous, r, now));
    if (subject.equals(self)) {
      selfClaims.markLeft();
    }
    withdrawAccusationsBy(now, subject, out);
  }

  /**
   * A revoked identity's word counts for nothing, its accusations included: they no longer count towards
   * k, and a member it alone suspected is ALIVE again. Every node that accepts the revocation does the
   * same, so the views stay in agreement.
   */
  private void withdrawAccusationsBy(long now, MemberId revoked, Effects out) {
    List<MemberId> accused = new ArrayList<>();
    for (Map.Entry<MemberId, Suspicion> e : suspicions.entrySet()) {
      if (e.getValue().hasAccused(revoked)) {
        accused.add(e.getKey());
      }
    }
    accused.sort(null); // deterministic event order
    for (MemberId subject : accused) {
      Suspicion running = suspicions.get(subject);
      running.withdraw(revoked);
      Alive claimed = table.alive(subject);
      Claim top = table.top(subject);
      if (!(top instanceof Suspect held) || claimed == null) {
        continue;
      }
      Suspect standing = running.first();
      if (standing == null) {
        suspicions.remove(subject);
        table.put(subject, claimed, claimed);
        announce(now, MembershipEvent.Kind.ALIVE, subject, held, claimed, false, out);
      } else if (held.accuser().equals(revoked)) {
        table.put(subject, claimed, standing);
      }
    }
  }

  /** New metadata: signed at a higher incarnation, which a fresh ALIVE announces; members pull it. */
  public void updateMetadata(long now, Metadata newMetadata, Effects out) {
    selfClaims.updateMetadata(newMetadata);
    out.metadata(self, metadataOf(self));
  }

  /** Sets which members' metadata this node may hold (the policy's read rule); only before {@link #start}. */
  public void metadataAccess(MetadataAccess access) {
    if (started) {
      throw new IllegalStateException("the metadata access rule is set before start");
    }
    metadata.access(java.util.Objects.requireNonNull(access, "access"));
  }

  // ---------------------------------------------------------------- queries

  public MemberId self() {
    return self;
  }

  public long incarnation() {
    return selfClaims.current().incarnation();
  }

  public int memberCount() {
    return table.size();
  }

  /** The winning claim about {@code subject} in this view, or null if unknown. */
  public Claim claimOf(MemberId subject) {
    return table.top(subject);
  }

  /** The ALIVE held about {@code subject}: its address, also under a tombstone; null if none. */
  Alive aliveOf(MemberId subject) {
    return table.alive(subject);
  }

  /** What {@code claim} could do to this view as it stands, without looking at its signature. */
  public Relevance relevanceOf(Claim claim) {
    return Relevance.of(claim, self, table, suspicions.get(claim.subject()));
  }

  /** The metadata this node holds about {@code subject} (its own for itself), both classes merged. */
  public java.util.SortedMap<String, String> metadataOf(MemberId subject) {
    if (subject.equals(self)) {
      java.util.TreeMap<String, String> own = new java.util.TreeMap<>(selfClaims.metadata().privateEntries());
      own.putAll(selfClaims.metadata().sharedEntries());
      return java.util.Collections.unmodifiableSortedMap(own);
    }
    return metadata.entriesOf(subject);
  }

  /** Members whose metadata this node is still waiting for. */
  public int metadataPending() {
    return metadata.wantedCount();
  }

  public Status statusOf(MemberId subject) {
    Claim c = table.top(subject);
    return c == null ? null : c.status();
  }

  public ViewDigest digest() {
    return table.digest();
  }

  /** A join through a seed: this node's digest and its own ALIVE (see {@link PushPullSyn}). */
  public PushPullSyn joinSyn() {
    return antiEntropy.joinSyn();
  }

  public long digestRoot() {
    return table.digestRoot();
  }

  public int awarenessScore() {
    return awareness.score();
  }

  public boolean hasLeft() {
    return selfClaims.hasLeft();
  }

  /** Claims waiting in the dissemination queue. */
  public int pendingBroadcasts() {
    return disseminator.size();
  }

  public MembershipConfig config() {
    return config;
  }

  // ---------------------------------------------------------------- visibility

  /** Sets who may be told about whom (the policy's tenant isolation); only before {@link #start}. */
  public void memberVisibility(MemberVisibility v) {
    if (started) {
      throw new IllegalStateException("the member visibility is set before start");
    }
    this.visibility = java.util.Objects.requireNonNull(v, "visibility");
    table.classify(v::classOf);
  }

  /** The digest over the entries this node and {@code peer} may both see, as a push-pull with it uses. */
  public ViewDigest digestFor(MemberId peer) {
    return antiEntropy.digestFor(peer);
  }

  private boolean visibleTo(MemberId peer, MemberId subject) {
    return peer == null
        ? visibility.classOf(subject).equals(MemberVisibility.EVERYONE)
        : visibility.mayView(peer, subject);
  }

  // ---------------------------------------------------------------- accusations

  /** Sets the policy's accusation rule; only before {@link #start}. */
  public void accusationPolicy(AccusationPolicy policy) {
    if (started) {
      throw new IllegalStateException("the accusation policy is set before start");
    }
    this.accusations = java.util.Objects.requireNonNull(policy, "policy");
  }

  /** Accuse {@code target} of the incarnation it claimed itself, if it is still ALIVE or SUSPECT here. */
  private void accuse(long now, MemberId target, Effects out) {
    if (!accusations.mayAccuse(self, target)) {
      return; // a probe we could not answer for: authorized members will accuse if it is really gone
    }
    int slot = table.find(target);
    if (slot < 0) {
      return;
    }
    Claim top = table.topAt(slot);
    Alive claimed = table.aliveAt(slot);
    if (claimed == null || top.status().isGone() || top.incarnation() != claimed.incarnation()) {
      return;
    }
    Suspicion running = suspicions.get(target);
    if (running != null && running.hasAccused(self)) {
      return;
    }
    Suspect s = new Suspect(target, claimed.incarnation(), self, new byte[0]);
    s = new Suspect(target, s.incarnation(), self, proofs.proofFor(s));
    applySuspect(now, s, true, out);
  }

  // ---------------------------------------------------------------- dissemination

  private void onGossipTick(long now, Effects out) {
    out.schedule(now + config.gossipInterval(), Timer.GOSSIP);
    antiEntropy.onGossipTick(now, out);
    answerPacing.forgetIdle(now);
    for (int slot : randomReachablePeers(config.fanout())) {
      // Sent even when empty: the peer answers with its news, so every exchange is push and pull.
      out.send(table.aliveAt(slot).address(), new Gossip(piggybackFor(table.keyAt(slot)), true));
    }
  }

  /** The slots of up to {@code n} distinct members other than this node that are not gone, at random. */
  private int[] randomReachablePeers(int n) {
    int[] slots = new int[n];
    MemberId[] chosen = new MemberId[n];
    int found = 0;
    while (found < n) {
      int slot = table.randomSlot(rng, s -> table.reachableOther(s, self) && !contains(chosen, table.keyAt(s)));
      if (slot < 0) {
        break; // fewer reachable peers than asked for: these are all of them
      }
      chosen[found] = table.keyAt(slot);
      slots[found++] = slot;
    }
    return java.util.Arrays.copyOf(slots, found);
  }

  private void onGossip(long now, MemberId from, String fromAddress, Gossip g, Effects out) {
    mergeGossip(now, fromAddress, g.claims(), out);
    if (g.replyWanted()) {
      List<Claim> reply = withDeathNotice(from, answerFor(now, from, g.claims()));
      if (!reply.isEmpty()) {
        out.send(fromAddress, new Gossip(reply, false));
      }
    }
  }

  /**
   * A peer we hold DEAD is talking to us: tell it, so it can refute. This is what lets the two sides of a
   * healed partition find each other quickly instead of waiting for anti-entropy.
   */
  private List<Claim> withDeathNotice(MemberId peer, List<Claim> claims) {
    Claim top = table.top(peer);
    if (!(top instanceof Dead) || claims.contains(top)) {
      return claims;
    }
    List<Claim> out = new ArrayList<>(claims.size() + 1);
    out.add(top);
    out.addAll(claims);
    return out;
  }

  private List<Claim> piggybackFor(MemberId peer) {
    return piggybackFor(peer, List.of());
  }

  /**
   * Claims for an answer to {@code peer}, which sends as often as it likes: the usual piggyback at most
   * once per pace (see {@link AnswerPacing}), otherwise only a suspicion of the peer itself, which it
   * needs at once and which spends no retransmit.
   */
  private List<Claim> answerFor(long now, MemberId peer, List<Claim> exclude) {
    if (answerPacing.mayCarryClaims(now, peer)) {
      return piggybackFor(peer, exclude);
    }
    return table.top(peer) instanceof Suspect buddy && !exclude.contains(buddy) ? List.of(buddy) : List.of();
  }

  /**
   * Claims for one message. A suspicion of the peer itself goes first so it can refute at once (Lifeguard's
   * "buddy system"); the rest are the least-sent claims within the byte budget that the peer may see.
   */
  private List<Claim> piggybackFor(MemberId peer, List<Claim> exclude) {
    int budget = config.maxMessageBytes() - 128; // room for the message's own fields
    int limit = Formulas.retransmitLimit(config.retransmitMult(), table.size());
    Predicate<Claim> visible = c -> visibleTo(peer, c.subject());
    Claim buddy = peer == null ? null : table.top(peer);
    if (!(buddy instanceof Suspect)) {
      return disseminator.select(budget, limit, exclude, visible);
    }
    List<Claim> selected = disseminator.select(budget - buddy.estimatedBytes(), limit, exclude, visible);
    if (selected.contains(buddy)) {
      return selected;
    }
    List<Claim> withBuddy = new ArrayList<>(selected.size() + 1);
    withBuddy.add(buddy);
    withBuddy.addAll(selected);
    return withBuddy;
  }

  private void mergeGossip(long now, String fromAddress, List<Claim> claims, Effects out) {
    boolean peerIsBehindOnUs = false;
    for (Claim c : claims) {
      peerIsBehindOnUs |= selfClaims.isStale(now, c);
      apply(now, c, true, out);
    }
    if (peerIsBehindOnUs && fromAddress != null) {
      // The peer still holds an accusation we refuted long ago (our refutation no longer circulates):
      // answer it directly with our current claim.
      out.send(fromAddress, new Gossip(List.of(selfClaims.current()), false));
    }
  }

  // ---------------------------------------------------------------- claims and precedence

  /** Applies one verified claim; returns true if it changed this view. */
  private boolean apply(long now, Claim claim, boolean rebroadcast, Effects out) {
    if (!visibility.mayView(self, claim.subject())) {
      return false; // not ours to hold (the layer around the core refuses these and counts them)
    }
    if (claim instanceof Alive a) {
      return applyAlive(now, a, rebroadcast, out);
    } else if (claim instanceof Suspect s) {
      return applySuspect(now, s, rebroadcast, out);
    } else if (claim instanceof Dead d) {
      return applyDead(now, d, rebroadcast, out);
    } else if (claim instanceof Leave l) {
      return applyLeave(now, l, rebroadcast, out);
    }
    return false; // Revoked: only the registry feed, through revoke(), may revoke
  }

  private boolean applyAlive(long now, Alive a, boolean rebroadcast, Effects out) {
    MemberId subject = a.subject();
    if (subject.equals(self)) {
      selfClaims.onAliveAboutSelf(now, a);
      return false;
    }
    int slot = table.find(subject);
    if (slot < 0) {
      table.put(subject, a, a);
      metadata.onAlive(a);
      announce(now, MembershipEvent.Kind.JOINED, subject, null, a, rebroadcast, out);
      return true;
    }
    Claim previous = table.topAt(slot);
    Alive previousAlive = table.aliveAt(slot);
    if (!a.supersedes(previous)) {
      // Equal incarnation: keep the ALIVE for its address if we only had a tombstone without one.
      if (previousAlive == null && a.incarnation() == previous.incarnation()) {
        table.put(subject, a, previous);
      }
      return false;
    }
    table.put(subject, a, a);
    metadata.onAlive(a);
    suspicions.remove(subject);
    goneSince.remove(subject);
    announce(now, MembershipEvent.Kind.ALIVE, subject, previous, a, rebroadcast, out);
    if (previous.status() == Status.DEAD) {
      antiEntropy.resyncWithReturning(now, a, out);
    }
    return true;
  }

  private boolean applySuspect(long now, Suspect s, boolean rebroadcast, Effects out) {
    MemberId subject = s.subject();
    if (subject.equals(self)) {
      selfClaims.onSuspectedSelf(now, s, out);
      return false;
    }
    int slot = table.find(subject);
    if (slot < 0) {
      return false;
    }
    Alive claimed = table.aliveAt(slot);
    Claim previous = table.topAt(slot);
    // Only an incarnation the subject itself claimed may be accused.
    if (claimed == null || s.incarnation() != claimed.incarnation() || previous.status().isGone()
        || previous.incarnation() != s.incarnation()) {
      return false;
    }
    int n = table.size();
    Suspicion running = suspicions.get(subject);
    if (running == null || running.incarnation() != s.incarnation()) {
      if (!s.accuser().equals(self) && !limiter.tryAcquire(s.accuser(), now)) {
        return false;
      }
      running = new Suspicion(s, now, config.suspicionMin(n), config.suspicionMax(n),
          config.expectedConfirmations());
      suspicions.put(subject, running);
      table.put(subject, claimed, s);
      out.schedule(running.deadline(awareness.score()), new Timer(Timer.Kind.SUSPICION, 0, subject));
      announce(now, MembershipEvent.Kind.SUSPECTED, subject, previous, s, rebroadcast, out);
      return true;
    }
    if (running.hasAccused(s.accuser())) {
      return false;
    }
    if (!s.accuser().equals(self) && !limiter.tryAcquire(s.accuser(), now)) {
      return false;
    }
    running.confirm(s);
    if (rebroadcast) {
      disseminator.enqueue(s);
    }
    if (now >= running.deadline(awareness.score())) {
      onSuspicionTimer(now, subject, out);
    } else {
      out.schedule(running.deadline(awareness.score()), new Timer(Timer.Kind.SUSPICION, 0, subject));
    }
    return true;
  }

  private void onSuspicionTimer(long now, MemberId subject, Effects out) {
    Suspicion running = suspicions.get(subject);
    if (running == null || running.accusers() < config.quorum()) {
      return; // refuted or out-dated, or short of k accusers: stays SUSPECT until another accuser comes
    }
    long deadline = running.deadline(awareness.score());
    if (now < deadline) {
      // Not due: our own health got worse since the timer was set, which stretches the suspicion.
      out.schedule(deadline, new Timer(Timer.Kind.SUSPICION, 0, subject));
      return;
    }
    if (!healthyEnoughToDeclare()) {
      // We are probably the one who is cut off (and deaf to refutations): leave the verdict to healthier
      // members, and look again later.
      out.schedule(now + config.probeInterval(), new Timer(Timer.Kind.SUSPICION, 0, subject));
      return;
    }
    if (!accusations.mayAccuse(self, subject)) {
      return; // the verdict is for members who may accuse it; their DEAD will reach us
    }
    Dead d = new Dead(subject, running.incarnation(), self, running.evidence(config.quorum()), new byte[0]);
    d = new Dead(subject, d.incarnation(), self, d.evidence(), proofs.proofFor(d));
    applyDead(now, d, true, out);
  }

  /** Lifeguard's local health, used as a gate: a node at half its score ceiling or worse does not declare. */
  private boolean healthyEnoughToDeclare() {
    return awareness.score() * 2 < config.awarenessMax();
  }

  private boolean applyDead(long now, Dead d, boolean rebroadcast, Effects out) {
    if (!d.hasEvidence(config.quorum())) {
      return false;
    }
    MemberId subject = d.subject();
    if (subject.equals(self)) {
      selfClaims.onDeclaredDead(now, d, out);
      return false;
    }
    int slot = table.find(subject);
    Alive claimed = slot < 0 ? null : table.aliveAt(slot);
    if (!d.isByLeave() && (claimed == null || claimed.incarnation() != d.incarnation())) {
      return false; // accusations of an incarnation we never saw the subject claim
    }
    Claim previous = slot < 0 ? null : table.topAt(slot);
    if (previous != null && !d.supersedes(previous)) {
      return false;
    }
    table.put(subject, claimed, d);
    suspicions.remove(subject);
    goneSince.put(subject, now);
    announce(now, MembershipEvent.Kind.DEAD, subject, previous, d, rebroadcast, out);
    return true;
  }

  private boolean applyLeave(long now, Leave l, boolean rebroadcast, Effects out) {
    MemberId subject = l.subject();
    if (subject.equals(self)) {
      return false;
    }
    int slot = table.find(subject);
    Claim previous = slot < 0 ? null : table.topAt(slot);
    if (previous != null && !l.supersedes(previous)) {
      return false;
    }
    table.put(subject, slot < 0 ? null : table.aliveAt(slot), l);
    suspicions.remove(subject);
    goneSince.put(subject, now);
    announce(now, MembershipEvent.Kind.LEFT, subject, previous, l, rebroadcast, out);
    return true;
  }

  private void announce(long now, MembershipEvent.Kind kind, MemberId subject, Claim previous, Claim current,
      boolean rebroadcast, Effects out) {
    if (rebroadcast) {
      disseminator.enqueue(current);
    }
    out.emit(new MembershipEvent(kind, subject, previous, current, now, !rebroadcast && antiEntropy.isCatchingUpOn(subject)));
  }

  /** True while this node waits out a flap-damping back-off after being declared DEAD. */
  public boolean isWaitingToRejoin() {
    return selfClaims.isWaitingToRejoin();
  }

  // ---------------------------------------------------------------- tombstones

  private void onReap(long now, Effects out) {
    out.schedule(now + config.tombstoneTtl() / 4, Timer.REAP);
    List<MemberId> expired = new ArrayList<>();
    for (Map.Entry<MemberId, Long> e : goneSince.entrySet()) {
      if (now - e.getValue() >= config.tombstoneTtl()) {
        expired.add(e.getKey());
      }
    }
    expired.sort(null); // deterministic event order
    for (MemberId id : expired) {
      goneSince.remove(id);
      Claim previous = table.top(id);
      if (previous == null || previous.status() == Status.REVOKED) {
        continue;
      }
      table.remove(id);
      metadata.forget(id);
      out.emit(new MembershipEvent(MembershipEvent.Kind.REMOVED, id, previous, null, now));
    }
  }

  private boolean isRevoked(MemberId id) {
    Claim c = table.top(id);
    return c != null && c.status() == Status.REVOKED;
  }

  /** Whether {@code id} is among {@code ids} (a few chosen peers; unfilled places are null). */
  static boolean contains(MemberId[] ids, MemberId id) {
    for (MemberId x : ids) {
      if (id.equals(x)) {
        return true;
      }
    }
    return false;
  }

  /** What the prober and anti-entropy need from the node, without widening the public API. */
  private final class Context implements NodeContext {
    @Override
    public boolean hasLeft() {
      return selfClaims.hasLeft();
    }

    @Override
    public Alive ownAlive() {
      return selfClaims.current();
    }

    @Override
    public List<Claim> piggybackFor(MemberId peer) {
      return MembershipCore.this.piggybackFor(peer);
    }

    @Override
    public List<Claim> piggybackFor(MemberId peer, List<Claim> exclude) {
      return MembershipCore.this.piggybackFor(peer, exclude);
    }

    @Override
    public List<Claim> answerFor(long now, MemberId peer, List<Claim> exclude) {
      return MembershipCore.this.answerFor(now, peer, exclude);
    }

    @Override
    public List<Claim> withDeathNotice(MemberId peer, List<Claim> claims) {
      return MembershipCore.this.withDeathNotice(peer, claims);
    }

    @Override
    public void mergeGossip(long now, String fromAddress, List<Claim> claims, Effects out) {
      MembershipCore.this.mergeGossip(now, fromAddress, claims, out);
    }

    @Override
    public boolean apply(long now, Claim claim, boolean rebroadcast, Effects out) {
      return MembershipCore.this.apply(now, claim, rebroadcast, out);
    }

    @Override
    public MemberVisibility visibility() {
      return visibility;
    }

    @Override
    public boolean visibleTo(MemberId peer, MemberId subject) {
      return MembershipCore.this.visibleTo(peer, subject);
    }

    @Override
    public boolean mayAccuse(MemberId target) {
      return accusations.mayAccuse(self, target);
    }

    @Override
    public void accuse(long now, MemberId target, Effects out) {
      MembershipCore.this.accuse(now, target, out);
    }
  }
}
