package dev.hearsay.overlay.guard;

import com.github.benmanes.caffeine.cache.Cache;
import dev.hearsay.authz.Authorizer;
import dev.hearsay.authz.RateLimits;
import dev.hearsay.crypto.Caches;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.core.PushPullAck;
import dev.hearsay.overlay.core.PushPullAck2;
import dev.hearsay.overlay.transport.AcceptVerdict;
import dev.hearsay.overlay.transport.Rejections;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One node's peer guard: the shared state behind the per-connection handlers from
 * {@link #handler()}. Per authenticated identity it keeps budgets and a score (Caffeine, expiring
 * after {@link GuardSettings#peerIdle}, so idle peers cost nothing), bans with backoff, per-address
 * limits before the handshake, and the backpressure that pauses reading from the noisiest peers
 * when the node is overloaded. Every action is counted in {@code hearsay.guard.actions{reason}} and
 * logged at a bounded rate; the lowest scores are gauges {@code hearsay.guard.score{rank}}.
 */
public final class PeerGuard {
  private final GuardSettings settings;
  private final LongSupplier nanoTime;
  private final Function<NodeIdentity, RateLimits> limits;
  private final ClaimOutcomes outcomes;
  private final Rejections actions;
  private final Cache<NodeIdentity, PeerState> peers;
  private final BanList<NodeIdentity> bans;
  private final AddressGate addresses;
  private final Tarpit tarpit;
  private final KnownClaims known;
  /** Open connections by identity, to disconnect or pause a peer; bounded by the transport's caps. */
  private final Map<NodeIdentity, Set<Channel>> channels = new ConcurrentHashMap<>();
  private final Backpressure backpressure;
  /** Answer messages admitted under the allowance of a request this node sent. */
  private final Counter answers;

  public PeerGuard(
      MeterRegistry registry,
      LongSupplier nanoTime,
      Function<NodeIdentity, RateLimits> limits,
      ClaimOutcomes outcomes,
      GuardSettings settings,
      OverloadSignal overload) {
    this.settings = settings;
    this.nanoTime = nanoTime;
    this.limits = limits;
    this.outcomes = outcomes;
    this.actions = new Rejections(registry, "hearsay.guard.actions", "Peers", nanoTime);
    this.peers = Caches.builder()
        .maximumSize(settings.maxPeers())
        .expireAfterAccess(settings.peerIdle())
        .ticker(nanoTime::getAsLong)
        .build();
    this.bans = new BanList<>(settings.firstBan(), settings.maxBan(), settings.banMemory(), settings.maxPeers(), nanoTime);
    this.addresses = new AddressGate(settings, nanoTime);
    this.tarpit = new Tarpit(settings.tarpit());
    this.known = new KnownClaims(settings.knownClaims());
    this.backpressure = new Backpressure(settings, overload, actions, nanoTime.getAsLong());
    this.answers = Counter.builder("hearsay.guard.answers")
        .description("Push-pull answers to this node's own requests, admitted outside the peer's flood budgets")
        .register(registry);
    registerGauges(registry);
  }

  /** A node's guard with the default policy's limits, default settings and the real clock. */
  public static PeerGuard withDefaults(MeterRegistry registry, ClaimOutcomes outcomes) {
    return withLimits(registry, Authorizer.withDefaults()::limitsFor, outcomes);
  }

  /** A node's guard with the given policy's limits, default settings and the real clock. */
  public static PeerGuard withLimits(
      MeterRegistry registry, Function<NodeIdentity, RateLimits> limits, ClaimOutcomes outcomes) {
    GuardSettings s = GuardSettings.defaults();
    return new PeerGuard(registry, System::nanoTime, limits, outcomes, s,
        OverloadSignal.of(s.overloadPendingTasks(), s.overloadInboundBytesPerSecond()));
  }

  /** The handler for one connection's peer-guard slot (it places its frame gate before the codec). */
  public ChannelHandler handler() {
    return new ClaimGate(this);
  }

  // ---- queries -------------------------------------------------------------------------------

  public boolean isBanned(NodeIdentity peer) {
    return bans.isBanned(peer);
  }

  public boolean isBanned(InetAddress address) {
    return addresses.isBanned(address);
  }

  /** The peer's score now; a peer the guard holds nothing about is clean. */
  public double score(NodeIdentity peer) {
    PeerState s = peers.getIfPresent(peer);
    return s == null ? settings.maxScore() : s.score(nanoTime.getAsLong());
  }

  /** The {@code n} lowest-scored peers, lowest first: the ones to look at. */
  public List<PeerStanding> lowestScores(int n) {
    long now = nanoTime.getAsLong();
    return peers.asMap().entrySet().stream()
        .map(e -> new PeerStanding(e.getKey(), e.getValue().score(now)))
        .sorted(Comparator.comparingDouble(PeerStanding::score))
        .limit(Math.max(0, n))
        .toList();
  }

  /** How many times the guard took an action, by reason ({@code dropped_frame_rate}, {@code banned}, ...). */
  public double actions(String reason) {
    return actions.count(reason);
  }

  /** Every action taken so far, by reason: what an operator looks at first. */
  public Map<String, Long> actionsByReason() {
    return actions.byReason();
  }

  /** Identities banned now. */
  public long activeBans() {
    return bans.activeBans();
  }

  public GuardSettings settings() {
    return settings;
  }

  /**
   * Takes {@code n} signature verifications from the peer's budget before they are done; false
   * (and a penalty) when the budget is spent. For a claim filter that asks before each real
   * verification; the handlers otherwise charge verifications after the fact.
   */
  public boolean tryAcquireVerifications(NodeIdentity peer, int n) {
    if (state(peer).tryTakeVerifications(n, nanoTime.getAsLong())) {
      return true;
    }
    penalize(peer, Violation.VERIFICATION_RATE, 1, null, n + " verifications over budget");
    return false;
  }

  // ---- connection events ---------------------------------------------------------------------

  /**
   * An accepted connection, before it is registered or anything is built for it: refused if its
   * address is banned or too eager. One from a banned address is held open unread for a while when
   * the tarpit has room ({@link AcceptVerdict#TAKEN}: the guard closes it later), else closed at once
   * by the transport, as one over the attempt rate always is.
   */
  public AcceptVerdict admitConnection(Channel ch) {
    InetAddress address = addressOf(ch);
    if (address == null) {
      return AcceptVerdict.ADMIT;
    }
    return switch (addresses.onConnection(address)) {
      case ADMIT -> AcceptVerdict.ADMIT;
      case BANNED -> {
        boolean held = hold(ch, address);
        actions.reject("refused_banned_address", null, ch.remoteAddress(),
            held ? "address is banned; held unread for " + settings.tarpit().hold() : "address is banned");
        yield held ? AcceptVerdict.TAKEN : AcceptVerdict.CLOSE;
      }
      case TOO_MANY_ATTEMPTS -> {
        actions.reject("refused_connection_rate", null, ch.remoteAddress(),
            "over " + settings.addressConnectionsPerSecond() + " connection attempts per second");
        yield AcceptVerdict.CLOSE;
      }
    };
  }

  /** Offers {@code ch} to the tarpit; the first one held schedules the sweep that closes it on time. */
  private boolean hold(Channel ch, InetAddress address) {
    boolean wasEmpty = tarpit.size() == 0;
    if (!tarpit.offer(ch, address, nanoTime.getAsLong())) {
      return false;
    }
    if (wasEmpty && ch.parent() != null) {
      scheduleSweep(ch.parent().eventLoop());
    }
    return true;
  }

  /** Sweeps the tarpit every half hold while it holds anything (a stopping node closes what is left itself). */
  private void scheduleSweep(io.netty.channel.EventLoop loop) {
    if (loop.isShuttingDown()) {
      return;
    }
    loop.schedule(() -> {
      if (tarpit.sweep(nanoTime.getAsLong()) > 0) {
        scheduleSweep(loop);
      }
    }, settings.tarpit().hold().toNanos() / 2 + 1, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /** Closes the connections the tarpit holds: the node is stopping. */
  public void close() {
    tarpit.closeAll();
  }

  /** A completed handshake whose identity was refused right after: counted against its address. */
  private void identityRefused(Channel ch) {
    strikeAddress(ch, addresses::onRefusedIdentity, "over " + settings.addressRefusedIdentitiesPerMinute()
        + " handshakes a minute of identities refused right after (banned, or disconnected and not yet recovered)");
  }

  void handshakeFailed(Channel ch) {
    strikeAddress(ch, addresses::onHandshakeFailure, "over " + settings.addressHandshakeFailuresPerMinute() + " failed handshakes a minute");
  }

  /**
   * Records a strike against the address of an accepted {@code ch}; when the strike bans the address
   * (it returns the ban's length), the ban is counted and logged with {@code why}.
   */
  private void strikeAddress(Channel ch, Function<InetAddress, Duration> strike, String why) {
    InetAddress address = addressOf(ch);
    Duration banned = address == null ? null : strike.apply(address);
    if (banned != null) {
      actions.reject("banned_address", null, ch.remoteAddress(), why + "; banned for " + banned);
    }
  }

  /**
   * The peer of {@code ch} is authenticated: refused if banned, or if its score is still at or below
   * the disconnect threshold (a violation of its own: reconnecting at once walks a flooder to its
   * ban), otherwise tracked. A refused identity's handshake was work done for nothing and counts
   * against its address: a peer that keeps reconnecting while refused (honest nodes back off their
   * dials to a peer that refuses them) gets its address banned, and is then refused on accept,
   * before any handshake. One that reconnects at once, {@link #REFUSED_AT_ONCE_TO_BAN} times in a
   * row, has shown it ignores refusals: it is banned, address and identity, on the spot.
   */
  boolean admitAuthenticated(Channel ch, NodeIdentity peer) {
    boolean banned = bans.isBanned(peer);
    if (!banned && score(peer) > settings.disconnectBelow()) {
      track(ch, peer);
      return true;
    }
    // Only a connection the peer opened says how it redials; our own dials to it do not.
    boolean atOnce = addressOf(ch) != null
        && state(peer).refused(nanoTime.getAsLong(), REFUSED_AT_ONCE.toNanos()) >= REFUSED_AT_ONCE_TO_BAN;
    if (banned) {
      actions.reject("refused_banned_identity", peer, ch.remoteAddress(), "identity is banned");
    } else {
      penalize(peer, atOnce ? Violation.RECONNECT_AT_ONCE : Violation.RECONNECT_WHILE_DISCONNECTED, 1, ch.remoteAddress(),
          "reconnected before its score recovered");
    }
    if (atOnce) {
      strikeAddress(ch, addresses::ban, REFUSED_AT_ONCE_TO_BAN + " reconnects in a row, each within " + REFUSED_AT_ONCE + " of a refusal");
    } else {
      identityRefused(ch);
    }
    return false;
  }

  /**
   * Reconnecting this soon after a refusal is not backing off: an honest node waits 2 s after the first
   * refusal, then longer (the node's dial back-off).
   */
  static final Duration REFUSED_AT_ONCE = Duration.ofSeconds(1);
  /**
   * Refusals in a row, each at once after the one before, that get the identity and its address banned.
   * Two, not one: an honest node that knows a peer by two addresses may dial both at the same moment.
   */
  static final int REFUSED_AT_ONCE_TO_BAN = 2;

  private void track(Channel ch, NodeIdentity peer) {
    channels.computeIfAbsent(peer, p -> ConcurrentHashMap.newKeySet()).add(ch);
    ch.closeFuture().addListener(f -> channels.computeIfPresent(peer, (p, set) -> {
      set.remove(ch);
      return set.isEmpty() ? null : set;
    }));
  }

  // ---- traffic -------------------------------------------------------------------------------

  /**
   * This node is sending {@code peer} a request: the answer, however large the view, is admitted
   * within {@link GuardSettings#answers} rather than charged to the peer's flood budgets. A SYN
   * (push-pull or join) the node sends on its own schedule; an ACK asking for the peer's entries
   * ({@code prompted}) follows the peer's own SYN, so the peer could ask for it at will, and those
   * open an allowance at most as often as the peer's joins-per-minute budget.
   */
  void expectAnswer(NodeIdentity peer, boolean prompted) {
    state(peer).expectAnswer(prompted, nanoTime.getAsLong());
  }

  /**
   * One frame of {@code frameBytes} (length prefix included) from {@code peer}: admit or drop.
   * {@code answerFrame}: the frame says it is a push-pull answer.
   */
  boolean admitFrame(Channel ch, NodeIdentity peer, long frameBytes, boolean answerFrame) {
    long now = nanoTime.getAsLong();
    backpressure.received(frameBytes, now);
    PeerState s = state(peer);
    Violation over = s.admitFrame(frameBytes, answerFrame, now);
    if (over == null && s.score(now) <= settings.dropBelow()) {
      over = Violation.WHILE_QUARANTINED;
    }
    backpressure.relieveIfOverloaded(ch.eventLoop(), now, channels, p -> {
      PeerState known = peers.getIfPresent(p);
      return known == null ? -1 : known.bytesPerSecond(now);
    });
    if (over != null) {
      penalize(peer, over, 1, ch.remoteAddress(), frameBytes + " bytes");
      return false;
    }
    return true;
  }

  /**
   * A decoded message carrying {@code claims}: admitted (returns what {@link #settle} needs) or
   * refused (null) by the new-claim, accusation and verification budgets. A message whose claims
   * are all known costs no verification, so it passes even while the verification budget is spent.
   */
  Admission admitClaims(Channel ch, NodeIdentity peer, Message message, List<Claim> claims) {
    long[] fingerprints = known.fingerprints(claims);
    long now = nanoTime.getAsLong();
    PeerState s = state(peer);
    long[] accusations = MessageClaims.accusationsBy(peer, claims);
    if (message instanceof PushPullAck || message instanceof PushPullAck2) {
      PeerState.AnswerOutcome outcome = s.admitAnswer(claims.size(), accusations, now);
      if (outcome == PeerState.AnswerOutcome.ADMITTED) {
        answers.increment();
        return new Admission(fingerprints, outcomes.verifications(), outcomes.rejections(), true);
      } else if (outcome == PeerState.AnswerOutcome.OVER_ACCUSATIONS) {
        penalize(peer, Violation.ACCUSATION_RATE, 1, ch.remoteAddress(),
            message.getClass().getSimpleName() + " of " + claims.size() + " claims with " + accusations.length + " accusations by the peer");
        return null;
      }
    }
    int fresh = known.countNew(fingerprints);
    Violation over = s.admitClaims(fresh, accusations, now);
    if (over != null) {
      penalize(peer, over, 1, ch.remoteAddress(),
          message.getClass().getSimpleName() + " of " + claims.size() + " claims, " + fresh + " new");
      return null;
    }
    return new Admission(fingerprints, outcomes.verifications(), outcomes.rejections(), false);
  }

  /**
   * A join request from {@code peer}: admitted within its joins-per-minute budget. A join makes this
   * node send its whole view, so a peer that keeps asking would make it do the most expensive thing
   * it does, over and over.
   */
  boolean admitJoin(Channel ch, NodeIdentity peer) {
    if (state(peer).admitJoin(nanoTime.getAsLong())) {
      return true;
    }
    penalize(peer, Violation.JOIN_RATE, 1, ch.remoteAddress(), "join request over the joins-per-minute budget");
    return false;
  }

  /**
   * What was known before a message was passed on; {@link #settle} charges the difference, except
   * for an expected answer ({@code answer}), whose verifications the allowance already bounds.
   */
  record Admission(long[] fingerprints, long verifications, long rejections, boolean answer) {}

  /**
   * Charges the verifications a message caused and penalizes the claims refused in it. Only a
   * message with no refused claim makes its claims known: a refused claim sent again is new again,
   * so it can never slip past the verification budget as a "relayed copy".
   */
  void settle(Channel ch, NodeIdentity peer, Admission before) {
    long verified = outcomes.verifications() - before.verifications();
    long refused = outcomes.rejections() - before.rejections();
    if (verified > 0 && !before.answer()) {
      state(peer).chargeVerifications(verified, nanoTime.getAsLong());
    }
    if (refused > 0) {
      penalize(peer, Violation.INVALID_CLAIM, refused, ch.remoteAddress(), refused + " claims refused in one message");
    } else {
      known.remember(before.fingerprints());
    }
  }

  void malformed(Channel ch, NodeIdentity peer, String detail) {
    penalize(peer, Violation.MALFORMED_FRAME, 1, ch.remoteAddress(), detail);
  }

  // ---- scores and actions --------------------------------------------------------------------

  private PeerState state(NodeIdentity peer) {
    return peers.get(peer, p -> new PeerState(limits.apply(p), settings, nanoTime.getAsLong()));
  }

  private void penalize(NodeIdentity peer, Violation v, long times, Object remote, String detail) {
    double score = state(peer).penalize(v, times, nanoTime.getAsLong());
    Supplier<String> withScore = () -> detail + String.format(" (score %.1f)", score);
    for (long i = 0; i < times; i++) {
      actions.reject(v.action(), peer, remote, withScore);
    }
    if (score <= settings.banBelow() && !bans.isBanned(peer)) {
      Duration length = bans.ban(peer);
      actions.reject("banned", peer, remote, String.format("score %.1f; banned for %s (ban %d)", score, length, bans.strikes(peer)));
      disconnect(peer, remote);
    } else if (score <= settings.disconnectBelow()) {
      disconnect(peer, remote);
    }
  }

  private void disconnect(NodeIdentity peer, Object remote) {
    Set<Channel> open = channels.remove(peer);
    if (open == null || open.isEmpty()) {
      return;
    }
    actions.reject("disconnected", peer, remote, open.size() + " connections closed");
    open.forEach(Channel::close);
  }

  /** True while the guard has stopped reading from {@code peer} because the node is overloaded. */
  public boolean isPaused(NodeIdentity peer) {
    return backpressure.isPaused(peer, nanoTime.getAsLong());
  }

  // ---- metrics -------------------------------------------------------------------------------

  private void registerGauges(MeterRegistry registry) {
    for (int rank = 1; rank <= settings.topScores(); rank++) {
      int r = rank;
      Gauge.builder("hearsay.guard.score", this, g -> {
            List<PeerStanding> lowest = g.lowestScores(r);
            return lowest.size() < r ? g.settings.maxScore() : lowest.get(r - 1).score();
          })
          .description("Lowest peer scores (rank 1 is the lowest); lowestScores(n) names the peers")
          .tag("rank", Integer.toString(rank))
          .register(registry);
    }
    Gauge.builder("hearsay.guard.banned", bans, BanList::activeBans)
        .description("Bans in force").tag("kind", "identity").register(registry);
    Gauge.builder("hearsay.guard.banned", addresses, AddressGate::activeBans)
        .description("Bans in force").tag("kind", "address").register(registry);
    Gauge.builder("hearsay.guard.peers", peers, Cache::estimatedSize)
        .description("Peers the guard holds state for").register(registry);
  }

  private static InetAddress addressOf(Channel ch) {
    return ch.parent() != null && ch.remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
  }
}
