package dev.hearsay.overlay.node;

import com.github.benmanes.caffeine.cache.Cache;
import dev.hearsay.authz.Authorizer;
import dev.hearsay.crypto.Caches;
import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.Fingerprint;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.PeerCertificateValidator;
import dev.hearsay.crypto.PeerCheckListener;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.crypto.Role;
import dev.hearsay.overlay.bootstrap.NodeMembership;
import dev.hearsay.overlay.bootstrap.RegistrySeeds;
import dev.hearsay.overlay.claims.ClaimAuthenticator;
import dev.hearsay.overlay.claims.MemberCertificates;
import dev.hearsay.overlay.claims.SigningProofSource;
import dev.hearsay.overlay.claims.VerifiedSignatures;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.MemberIds;
import dev.hearsay.overlay.core.MemberPull;
import dev.hearsay.overlay.core.MembershipConfig;
import dev.hearsay.overlay.core.MembershipCore;
import dev.hearsay.overlay.core.MembershipEvent;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.core.Relevance;
import dev.hearsay.overlay.core.Revoked;
import dev.hearsay.overlay.core.Status;
import dev.hearsay.overlay.core.ViewDigest;
import dev.hearsay.overlay.guard.ClaimOutcomes;
import dev.hearsay.overlay.guard.PeerGuard;
import dev.hearsay.overlay.revocation.NodeRevocation;
import dev.hearsay.overlay.revocation.RevocationChecks;
import dev.hearsay.overlay.revocation.gossip.RegistryGossip;
import dev.hearsay.overlay.revocation.gossip.RegistryGossipConfig;
import dev.hearsay.overlay.transport.OverlayChannelInitializer;
import dev.hearsay.overlay.transport.PeerAuthenticated;
import dev.hearsay.overlay.transport.PeerChannels;
import dev.hearsay.overlay.transport.Rejections;
import dev.hearsay.overlay.transport.TrafficMeters;
import dev.hearsay.overlay.transport.Transport;
import dev.hearsay.overlay.wire.Envelope;
import dev.hearsay.overlay.wire.WireCodec;
import dev.hearsay.registry.log.RevocationEntry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running hearsay node: the pure membership core driven on one Netty event loop, with real
 * timers, over the mutual-TLS transport. Everything that touches the core runs on that loop, so
 * the core needs no locks; readers outside use {@link #view()}.
 */
public final class Node implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);
  /** How long a graceful leave waits for the LEAVE claim to be gossiped before closing. */
  public static final Duration DEFAULT_LEAVE_LINGER = Duration.ofSeconds(1);
  static final Duration CERTIFICATE_PULL_SPACING = Duration.ofSeconds(2);

  private final NodeConfig config;
  private final NodeIdentity identity;
  private final MemberId self;
  private final EventLoopGroup group;
  private final EventLoop loop;
  private final Transport transport;
  private final MembershipCore core;
  private final Router router;
  private final ClaimFilter claimFilter;
  private final PeerGuard guard;
  private final MembershipView view = new MembershipView();
  /** Membership events as log lines, a view catching up summed into one line per answer; on the loop only. */
  private final MembershipLog membershipLog;
  private final MemberIds memberIds = new MemberIds();
  private final ClaimPolicy claimPolicy;
  private final Identities identities = new Identities();
  private final CertificatesSent certificatesSent = new CertificatesSent();
  /** Signers whose certificate was asked for lately; bounded, and each entry expires. */
  private final Cache<MemberId, Boolean> certificatePulls =
      Caches.builder().maximumSize(4096)
          .expireAfterWrite(CERTIFICATE_PULL_SPACING).build();
  private final Rejections claimRejections;
  private final Clock wallClock;
  private final String advertised;
  /** Registry revocations; null when the node follows no registry. */
  private final NodeRevocation revocations;
  /** Registration in and bootstrap from the registry's seed list; null when the node follows no registry. */
  private final RegistrySeeds seeds;
  /** Registry gossip between nodes; null when the node follows no registry. */
  private final RevocationRelay relay;
  private volatile boolean closed;
  /** The incarnation this node's own entry in {@link #view} shows; touched on the loop only. */
  private long shownIncarnation;
  /** Keeps the incarnation across restarts; null without a data directory. */
  private final IncarnationStore incarnations;

  private Node(NodeConfig config, MeterRegistry registry, RevocationCheck revocation, Clock wallClock) throws Exception {
    this.config = config;
    this.wallClock = wallClock;
    Credentials credentials = config.credentials();
    this.identity = credentials.identity();
    if (identity.role() != Role.NODE) {
      throw new IllegalArgumentException(identity + " is not a node identity; only nodes join the overlay");
    }
    this.self = memberIds.intern(identity.uri());
    this.membershipLog = new MembershipLog(LOG, identity.name());
    // Read before anything is bound or started, so a damaged file stops the start cleanly.
    this.incarnations = config.dataDir() == null ? null : new IncarnationStore(Files.createDirectories(config.dataDir()));
    long startIncarnation = incarnations == null ? 0 : incarnations.load() + 1;
    if (incarnations != null) {
      incarnations.save(startIncarnation); // before anyone hears it, so no later life can reuse it
    }
    this.shownIncarnation = startIncarnation;
    this.group = new NioEventLoopGroup(1);
    this.loop = group.next();
    this.revocations = config.registry() == null ? null
        : NodeRevocation.open(config.registry(), credentials, config.dataDir(), registry);
    RevocationCheck checked = revocations == null ? revocation
        : RevocationChecks.either(revocation, revocations.check(peer -> view.member(peer.uri()) != null));
    PeerCertificateValidator validator =
        new PeerCertificateValidator(credentials.trustBundle(), identity.trustDomain(), wallClock, checked);
    Rejections transportRejections = new Rejections(registry, System::nanoTime);
    this.claimRejections = new Rejections(registry, "hearsay.claims.rejected", "Claims", System::nanoTime);
    VerifiedSignatures verified = new VerifiedSignatures(VerifiedSignatures.DEFAULT_CAPACITY);
    Authorizer authorizer = new Authorizer(config.policy());
    this.claimPolicy = new ClaimPolicy(authorizer, identities);
    claimPolicy.watch(this::liveMembers);
    // The policy's quorum is the one every node must agree on; it overrides the tuning's.
    MembershipConfig membership = config.membership().withQuorum(authorizer.quorum());
    MemberCertificates certificates = new MemberCertificates(MemberCertificates.DEFAULT_CAPACITY);
    certificates.remember(Fingerprint.of(credentials.keyMaterial().certificate()), credentials.keyMaterial().certificate());
    ClaimAuthenticator authenticator = new ClaimAuthenticator(
        identity.trustDomain(), validator, certificates, verified, membership.quorum());
    this.guard = PeerGuard.withLimits(registry, authorizer::limitsFor, ClaimOutcomes.of(verified, claimRejections, ClaimPolicy.NOT_THE_PEERS_FAULT));
    this.transport = new Transport(config.transport(), credentials, validator, PeerCheckListener.NONE, group, transportRejections,
        this::handlers).withTraffic(new TrafficMeters(registry));
    // The policy's per-role cap on simultaneous connections of one identity (members 4, seeds 8).
    transport.connections().capBy(peer -> (int) Math.min(Integer.MAX_VALUE, authorizer.limitsFor(peer).connections()));
    InetSocketAddress bound = transport.bind(config.bind());
    this.advertised = config.advertisedAddress() != null ? config.advertisedAddress() : Addresses.format(bound);
    this.router = new Router(transport, identity, loop, config.transport().maxFrameBytes(), identities,
        new RecipientTailor(certificates, certificatesSent, claimPolicy::mayBeSent, claimPolicy::mayView,
            this::digestFor));
    this.claimFilter = new ClaimFilter(authenticator, claimPolicy, claimRejections, registry, identity, this::relevanceOf, alive -> {
      router.learn(alive.address(), alive.subject());
      if (revocations != null) {
        revocations.learned(alive);
      }
    }, this::askForCertificate);
    this.core = new MembershipCore(self, advertised, startIncarnation, config.metadata(), membership,
        new SplittableRandom(new SecureRandom().nextLong()), new SigningProofSource(credentials), 64);
    core.accusationPolicy(claimPolicy.accusations());
    core.metadataAccess(claimPolicy.metadataAccess(identity));
    core.memberVisibility(claimPolicy.memberVisibility());
    router.attach(core, this::onEvent, view::metadata, this::afterStep);
    this.relay = revocations == null ? null : new RevocationRelay(revocations,
        RegistryGossipConfig.of(membership, config.transport().maxFrameBytes()), loop, router, view, identities, identity, guard, registry);
    if (relay != null) {
      router.companion(relay::companionOf);
    }
    registerMetrics(registry, verified);
    this.seeds = config.registry() == null ? null
        : RegistrySeeds.create(config.seeding(), config.registry(), credentials, advertised, !config.seeds().isEmpty(),
            new SeedJoins(), registry);
  }

  /**
   * What a claim could do to the core's view, for the claim filter. The core is read only on its
   * loop (the one thread of this node's group, where connections deliver too); anywhere else the
   * claim is taken as news and verified.
   */
  private Relevance relevanceOf(Claim claim) {
    return core != null && loop.inEventLoop() ? core.relevanceOf(claim) : Relevance.MAY_CHANGE;
  }

  /** This node and the members its view holds ALIVE or SUSPECT: among whom monitors are assigned. */
  private List<NodeIdentity> liveMembers() {
    List<NodeIdentity> live = new ArrayList<>();
    live.add(identity);
    for (MembershipView.Member m : view.members()) {
      if ((m.status() == Status.ALIVE || m.status() == Status.SUSPECT) && !m.id().equals(identity.uri())) {
        live.add(identities.of(m.id()));
      }
    }
    return live;
  }

  /** The push-pull digest for {@code peer}: over what this node and it may both see. On the loop. */
  private ViewDigest digestFor(NodeIdentity peer) {
    return core.digestFor(memberIds.intern(peer.uri()));
  }

  /** Starts a node: binds, then joins through the seeds (if any) on the event loop. */
  public static Node start(NodeConfig config, MeterRegistry registry, RevocationCheck revocation) throws Exception {
    Node node = new Node(config, registry, revocation, Clock.systemUTC());
    node.onLoop(() -> {
      node.view.self(node.self, node.core.incarnation(), node.advertised, node.wallClock.instant(), node.core.metadataOf(node.self));
      node.core.start(System.nanoTime(), node.config.seeds(), node.router);
      return null;
    });
    if (node.revocations != null) {
      node.revocations.start(node::enforceRevocation);
      node.relay.start();
    }
    if (node.seeds != null) {
      node.seeds.start();
    }
    LOG.info("node {} listening on {} (seeds: {})", node.identity, node.advertised, config.seeds());
    return node;
  }

  private OverlayChannelInitializer.Handlers handlers() {
    return new OverlayChannelInitializer.Handlers() {
      @Override
      public ChannelHandler codec() {
        return new WireCodec(config.transport().maxFrameBytes());
      }

      @Override
      public ChannelHandler peerGuard() {
        return guard.handler();
      }

      @Override
      public dev.hearsay.overlay.transport.AcceptVerdict admitAccepted(io.netty.channel.Channel ch) {
        return guard.admitConnection(ch);
      }

      @Override
      public ChannelHandler application() {
        return new Inbound();
      }
    };
  }

  /**
   * A claim named a signer certificate this node does not hold (it was sent by fingerprint, and this
   * node never kept or lost the certificate): pull the signer from the relay, whose answer encloses it.
   * At most one pull per signer per {@link #CERTIFICATE_PULL_SPACING}.
   */
  private void askForCertificate(MemberId signer, NodeIdentity relay) {
    if (signer == null || closed || certificatePulls.asMap().putIfAbsent(signer, Boolean.TRUE) != null) {
      return;
    }
    loop.execute(() -> router.send(Router.routeTo(relay), new MemberPull(signer)));
  }

  /** Delivers authenticated messages to the core, on the core's loop. */
  private final class Inbound extends SimpleChannelInboundHandler<Envelope> {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof PeerAuthenticated authenticated) {
        // A new connection may be a restarted peer with an empty certificate cache.
        certificatesSent.forget(authenticated.peer());
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Envelope envelope) {
      NodeIdentity sender = envelope.sender();
      if (sender.role() != Role.NODE) {
        claimRejections.reject("not_a_member", sender, ctx.channel().remoteAddress(), "only node identities gossip");
        ctx.close();
        return;
      }
      if (closed) {
        return;
      }
      if (RegistryGossip.carries(envelope.message())) {
        // Registry news is checked against the registry's signature, not as claims; a node that follows no registry ignores it.
        if (relay != null) {
          relay.receive(sender, envelope.message());
        }
        return;
      }
      Message message = claimFilter.filter(envelope.message(), PeerChannels.peerOf(ctx.channel()));
      if (message == null) {
        return;
      }
      MemberId from = memberIds.intern(sender.uri());
      Runnable deliver = () -> {
        core.onMessage(System.nanoTime(), from, Router.routeTo(sender), message, router);
        membershipLog.flush(sender.name());
        afterStep();
      };
      if (loop.inEventLoop()) {
        deliver.run();
      } else {
        loop.execute(deliver);
      }
    }
  }

  /** What the seed-list bootstrap sees of this node; its joins go out on the loop like the core's own. */
  private final class SeedJoins implements NodeMembership {
    @Override
    public boolean hasLiveMember() {
      return view.members().stream().anyMatch(m -> !m.id().equals(identity.uri())
          && (m.status() == dev.hearsay.overlay.core.Status.ALIVE || m.status() == dev.hearsay.overlay.core.Status.SUSPECT));
    }

    @Override
    public boolean canIntroduce(NodeIdentity listed) {
      try {
        return claimPolicy.mayView(identity, MemberId.parse(listed.uri())) || claimPolicy.seesEveryTenant(listed);
      } catch (IllegalArgumentException e) {
        return false; // not a node identity: nobody to join through
      }
    }

    @Override
    public boolean knows(NodeIdentity member) {
      return view.member(member.uri()) != null;
    }

    @Override
    public void joinThrough(List<String> addresses) {
      try {
        loop.execute(() -> {
          if (closed || core.hasLeft()) {
            return;
          }
          for (String address : addresses) {
            router.send(address, core.joinSyn());
          }
        });
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        // The node is shutting down; nobody to join for.
      }
    }
  }

  /** After each step of the core: keep this node's own entry current when it out-claimed a rumour. */
  private void afterStep() {
    long incarnation = core.incarnation();
    if (incarnation != shownIncarnation) {
      shownIncarnation = incarnation;
      view.self(self, incarnation, advertised, wallClock.instant(), core.metadataOf(self));
      if (incarnations != null) {
        try {
          incarnations.save(incarnation);
        } catch (java.io.IOException e) {
          LOG.error("could not persist incarnation {} of {}: {}", incarnation, identity, e.toString());
        }
      }
    }
  }

  /** A verified registry entry revokes {@code member}: drop its connections and, for good, its place in the view. */
  private void enforceRevocation(NodeIdentity member, boolean current, RevocationEntry entry) {
    loop.execute(() -> {
      transport.connections().disconnect(member);
      if (current && view.member(member.uri()) != null) {
        core.revoke(System.nanoTime(), new Revoked(memberIds.intern(member.uri()), entry.sequence(), entry.hash().toBytes()), router);
      }
    });
  }

  private void onEvent(MembershipEvent event) {
    view.apply(event, wallClock.instant());
    claimPolicy.viewChanged();
    if (event.current() instanceof Alive a) {
      router.learn(a.address(), a.subject());
    }
    membershipLog.log(event);
  }

  private void registerMetrics(MeterRegistry registry, VerifiedSignatures verified) {
    for (dev.hearsay.overlay.core.Status s : dev.hearsay.overlay.core.Status.values()) {
      Gauge.builder("hearsay.members", view, v -> v.members().stream().filter(m -> m.status() == s).count())
          .description("Members in this node's view, by status")
          .tag("status", s.name().toLowerCase(java.util.Locale.ROOT))
          .register(registry);
    }
    Gauge.builder("hearsay.verify.cache.hit.ratio", verified, v -> v.stats().hitRate())
        .description("Share of claim signatures served from the verified-signature cache")
        .register(registry);
    FunctionCounter.builder("hearsay.verify.signatures", verified, v -> v.stats().missCount())
        .description("Claim signatures verified (those not served from the verified-signature cache)")
        .register(registry);
  }

  public NodeIdentity identity() {
    return identity;
  }

  public String address() {
    return advertised;
  }

  public MembershipView view() {
    return view;
  }

  public long incarnation() throws Exception {
    return onLoop(core::incarnation);
  }

  /** A summary for the admin endpoint's {@code /health}. */
  /** How many of the lowest-scored peers {@code /health} (and the operator's page) lists. */
  static final int LISTED_PEER_SCORES = 5;

  /** The peers the guard thinks least of, lowest first, and how many identities are banned now. */
  private java.util.Map<String, Object> peerStandings() {
    List<java.util.Map<String, Object>> lowest = new ArrayList<>();
    for (dev.hearsay.overlay.guard.PeerStanding p : guard.lowestScores(LISTED_PEER_SCORES)) {
      lowest.add(java.util.Map.of("peer", p.peer().uri(), "score", Math.round(p.score() * 10) / 10.0,
          "banned", guard.isBanned(p.peer())));
    }
    return java.util.Map.of("lowest_scores", lowest, "banned", guard.activeBans());
  }

  public java.util.Map<String, Object> health() {
    var members = view.members();
    java.util.Map<String, Object> h = new java.util.LinkedHashMap<>();
    h.put("status", closed ? "stopped" : "ok");
    h.put("identity", identity.uri());
    h.put("address", advertised);
    h.put("members", members.size());
    h.put("alive", members.stream().filter(m -> m.status() == dev.hearsay.overlay.core.Status.ALIVE).count());
    h.put("rejections", java.util.Map.of("claims", claimRejections.byReason(), "transport", transport.rejections().byReason(),
        "guard", guard.actionsByReason()));
    h.put("peers", peerStandings());
    if (revocations != null) {
      h.put("registry", revocations.health());
    }
    if (seeds != null) {
      h.put("seeds", seeds.health());
    }
    return h;
  }

  /** The node's verified registry log and revocations; null when it follows no registry. */
  public NodeRevocation revocations() {
    return revocations;
  }

  public Transport transport() {
    return transport;
  }

  public PeerGuard guard() {
    return guard;
  }

  /** Announces a graceful leave (a signed LEAVE), lets gossip carry it for {@code linger}, then closes. */
  public void leave(Duration linger) throws Exception {
    if (seeds != null) {
      seeds.stop(); // a leaving node is no one to join through
    }
    onLoop(() -> {
      core.leave(System.nanoTime(), router);
      return null;
    });
    loop.schedule(() -> { }, linger.toMillis(), TimeUnit.MILLISECONDS).await(linger.toMillis() + 5_000);
    close();
  }

  /** Stops at once, without telling anyone: to the others this looks like a crash. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (seeds != null) {
      seeds.close();
    }
    if (revocations != null) {
      relay.close();
      revocations.close();
    }
    transport.close();
    guard.close();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private <T> T onLoop(Callable<T> task) throws Exception {
    return loop.submit(task).get(10, TimeUnit.SECONDS);
  }
}
