package dev.hearsay.overlay.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.authz.PolicyRole;
import dev.hearsay.authz.RateLimits;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.Gossip;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.core.Messages;
import dev.hearsay.overlay.core.Ping;
import dev.hearsay.overlay.core.PushPullAck;
import dev.hearsay.overlay.core.PushPullAck2;
import dev.hearsay.overlay.core.PushPullSyn;
import dev.hearsay.overlay.core.Suspect;
import dev.hearsay.overlay.core.ViewDigest;
import dev.hearsay.overlay.transport.AcceptVerdict;
import dev.hearsay.overlay.transport.MalformedFrameException;
import dev.hearsay.overlay.transport.PeerAuthenticated;
import dev.hearsay.overlay.transport.PeerChannels;
import dev.hearsay.overlay.transport.Rejections;
import dev.hearsay.overlay.transport.TransportErrorHandler;
import dev.hearsay.overlay.wire.Envelope;
import dev.hearsay.overlay.wire.WireCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The guard's handlers in a pipeline shaped like the transport's (codec → peer guard →
 * application), on a fake clock. Each rule: the attack is cut off, the honest pattern passes.
 */
class PeerGuardHandlerTest {
  private static final long SECOND = 1_000_000_000L;
  private static final NodeIdentity HONEST = NodeIdentity.parse("spiffe://example.org/tenant/blue/node/honest");
  private static final NodeIdentity MALLORY = NodeIdentity.parse("spiffe://example.org/tenant/blue/node/mallory");
  private static final MemberId VICTIM = MemberId.parse("spiffe://example.org/tenant/blue/node/victim");

  private final AtomicLong now = new AtomicLong(1_000 * SECOND);
  private final AtomicLong verifications = new AtomicLong();
  private final AtomicLong rejections = new AtomicLong();
  private final AtomicBoolean overloaded = new AtomicBoolean();
  /** What the application does with each claim it receives, as the claim filter would. */
  private volatile boolean refuseEveryClaim;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final PeerGuard guard = new PeerGuard(registry, now::get, id -> RateLimits.defaultsFor(PolicyRole.MEMBER),
      new ClaimOutcomes() {
        @Override
        public long verifications() {
          return verifications.get();
        }

        @Override
        public long rejections() {
          return rejections.get();
        }
      }, GuardSettings.defaults(), (loop, rate) -> overloaded.get());
  private final List<Message> delivered = new ArrayList<>();
  /** The claim filter's verify-once cache, simulated: only successes are remembered. */
  private final Set<Claim> verifiedOnce = new HashSet<>();

  /**
   * Sends like a real flooder: reconnects whenever it is disconnected, until banned or out of tries. A
   * reconnect the guard refuses right after authentication is a try.
   */
  private EmbeddedChannel flood(NodeIdentity who, int tries, Supplier<Object> next) {
    EmbeddedChannel ch = connect(who);
    for (int i = 0; i < tries && !guard.isBanned(who); i++) {
      if (!ch.isOpen()) {
        ch = connect(who);
        continue;
      }
      Object m = next.get();
      if (m instanceof Throwable t) {
        ch.pipeline().fireExceptionCaught(t);
      } else {
        ch.writeInbound(m);
      }
    }
    return ch;
  }

  /** A connection whose peer has just been authenticated. */
  private EmbeddedChannel connect(NodeIdentity peer) {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.pipeline().addLast("codec", new WireCodec(64 * 1024));
    ch.pipeline().addLast("peer-guard", guard.handler());
    ch.pipeline().addLast("application", new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Message m = ((Envelope) msg).message();
        delivered.add(m);
        for (Claim c : Messages.claimsOf(m)) {
          if (refuseEveryClaim) {
            verifications.incrementAndGet();
            rejections.incrementAndGet();
          } else if (verifiedOnce.add(c)) {
            verifications.incrementAndGet();
          }
        }
      }
    });
    ch.pipeline().addLast("errors", new TransportErrorHandler(new Rejections(registry, now::get)));
    ch.attr(PeerChannels.PEER).set(peer);
    ch.pipeline().fireUserEventTriggered(new PeerAuthenticated(peer));
    return ch;
  }

  private static ByteBuf frame(NodeIdentity sender, Message m) {
    EmbeddedChannel encoder = new EmbeddedChannel(new WireCodec(64 * 1024));
    encoder.writeOutbound(new Envelope(sender, m));
    return encoder.readOutbound();
  }

  private static Ping ping() {
    return new Ping(1, VICTIM, List.of());
  }

  private static Claim alive(long incarnation) {
    return new Alive(VICTIM, incarnation, "127.0.0.1:1", 0, new byte[] {(byte) incarnation, 1, 2, 3});
  }

  private static Claim accusation(NodeIdentity accuser, long incarnation) {
    return new Suspect(VICTIM, incarnation, MemberId.parse(accuser.uri()), new byte[] {4, 5, 6});
  }

  private static PushPullSyn join() {
    return new PushPullSyn(new ViewDigest(0, new int[ViewDigest.BUCKETS]), true);
  }

  @Test
  void joinRequestsOverTheBudgetAreDroppedAndEventuallyBan() {
    // The member role allows 10 joins a minute: a node that keeps re-joining is cut off.
    flood(MALLORY, 1_000, () -> frame(MALLORY, join()));
    assertEquals(10, delivered.stream().filter(m -> m instanceof PushPullSyn).count(), "one minute's worth passes");
    assertTrue(guard.actions("dropped_join_rate") >= 1);
    assertTrue(guard.isBanned(MALLORY));
  }

  @Test
  void anHonestNodeRejoiningAfterRestartsIsNeverRefused() {
    for (int restart = 0; restart < 30; restart++) {
      EmbeddedChannel ch = connect(HONEST);
      ch.writeInbound(frame(HONEST, join()));
      ch.writeInbound(frame(HONEST, new PushPullSyn(new ViewDigest(0, new int[ViewDigest.BUCKETS]), false)));
      now.addAndGet(10 * SECOND); // a restart every ten seconds: 6 joins a minute
    }
    assertEquals(60, delivered.size());
    assertEquals(0, guard.actions("dropped_join_rate"));
    assertFalse(guard.isBanned(HONEST));
  }

  private static final NodeIdentity SELF = NodeIdentity.parse("spiffe://example.org/tenant/blue/node/self");

  /** A node's whole view as a peer answers a join: {@code frames} frames of {@code claims} ALIVEs with certificates. */
  private static List<ByteBuf> viewAnswer(NodeIdentity from, int frames, int claims, int proofBytes) {
    return viewAnswer(from, frames, claims, proofBytes, part -> new PushPullAck(-1L, part));
  }

  private static List<ByteBuf> viewAnswer(NodeIdentity from, int frames, int claims, int proofBytes,
      java.util.function.Function<List<Claim>, Message> as) {
    List<ByteBuf> answer = new ArrayList<>();
    for (int f = 0; f < frames; f++) {
      List<Claim> part = new ArrayList<>();
      for (int i = 0; i < claims; i++) {
        part.add(new Alive(VICTIM, (long) f * claims + i, "127.0.0.1:1", 0, new byte[proofBytes]));
      }
      answer.add(frame(from, as.apply(part)));
    }
    return answer;
  }

  private double answersAdmitted() {
    return registry.find("hearsay.guard.answers").counter().count();
  }

  @Test
  void thePeersEntriesAskedForInThisNodesAckAreAdmittedHoweverMany() {
    EmbeddedChannel ch = connect(HONEST);
    ch.writeOutbound(new Envelope(SELF, new PushPullAck(-1L, List.of()))); // after the peer's SYN: "send me yours"
    viewAnswer(HONEST, 40, 40, 800, PushPullAck2::new).forEach(ch::writeInbound);
    assertEquals(40, delivered.size());
    assertEquals(40, answersAdmitted());
    assertEquals(100, guard.score(HONEST));
  }

  @Test
  void aPeerThatPromptsAckAfterAckOpensOnlyAFewAllowances() {
    // Mallory sends SYN after SYN (cheap), each answered with an ACK asking for its entries, and answers
    // each with 1,000 new claims. Only the joins budget's 10 a minute renew the allowance; the last
    // renewal's 10,000 claims last 9 more rounds: 19 rounds of 30 pass, 38 of 60 frames.
    EmbeddedChannel ch = connect(MALLORY);
    for (int round = 0; round < 30 && ch.isOpen(); round++) {
      ch.writeOutbound(new Envelope(SELF, new PushPullAck(-1L, List.of())));
      int r = round;
      viewAnswer(MALLORY, 2, 500, 8, part -> new PushPullAck2(part.stream()
          .map(c -> (Claim) new Alive(VICTIM, 10_000L * r + c.incarnation(), "127.0.0.1:1", 0, new byte[8])).toList()))
          .forEach(ch::writeInbound);
    }
    assertEquals(38, answersAdmitted());
    assertTrue(guard.actions("dropped_verification_rate") + guard.actions("dropped_claim_rate") >= 1);
    assertTrue(delivered.size() <= 40, delivered.size() + " of 60 delivered (one or two more within the budgets)");
  }

  @Test
  void accusationsInAnAnswerStillComeOutOfThePeersAccusationBudget() {
    EmbeddedChannel ch = connect(MALLORY);
    ch.writeOutbound(new Envelope(SELF, join()));
    List<Claim> accusations = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      accusations.add(accusation(MALLORY, 500 + i));
    }
    ch.writeInbound(frame(MALLORY, new PushPullAck(-1L, accusations)));
    assertEquals(0, delivered.size(), "100 accusations in one answer: over the 30 a minute");
    assertEquals(1, guard.actions("dropped_accusation_rate"));

    ch.writeInbound(frame(MALLORY, new PushPullAck(-1L, accusations.subList(0, 3))));
    assertEquals(1, delivered.size(), "an answer holding the few accusations a peer has passes");
    assertEquals(1, answersAdmitted());
  }

  @Test
  void anAckThatAsksForNothingOpensNoAllowance() {
    EmbeddedChannel ch = connect(MALLORY);
    ch.writeOutbound(new Envelope(SELF, new PushPullAck(0, List.of()))); // the views agree
    viewAnswer(MALLORY, 40, 40, 800, PushPullAck2::new).forEach(ch::writeInbound);
    assertEquals(0, answersAdmitted());
    assertTrue(delivered.size() < 12, delivered.size() + " delivered");
  }

  @Test
  void theAnswerToThisNodesOwnJoinIsAdmittedHoweverLargeTheView() {
    EmbeddedChannel ch = connect(HONEST);
    ch.writeOutbound(new Envelope(SELF, join()));
    // 40 frames of 40 claims: 1.3 MB and 1,600 verifications at once, over the member's 256 KiB/s and 200/s.
    viewAnswer(HONEST, 40, 40, 800).forEach(ch::writeInbound);
    assertEquals(40, delivered.size());
    assertEquals(0, guard.actions("dropped_byte_rate") + guard.actions("dropped_verification_rate")
        + guard.actions("dropped_frame_rate") + guard.actions("dropped_claim_rate"));
    assertEquals(100, guard.score(HONEST));
    assertEquals(40, answersAdmitted());
    assertTrue(ch.isOpen());
  }

  @Test
  void anAnswerNobodyAskedForIsChargedToTheFloodBudgets() {
    EmbeddedChannel ch = connect(MALLORY);
    viewAnswer(MALLORY, 40, 40, 800).forEach(ch::writeInbound);
    assertTrue(delivered.size() < 12, delivered.size() + " delivered");
    assertTrue(guard.actions("dropped_byte_rate") + guard.actions("dropped_verification_rate") >= 1);
    assertEquals(0, registry.find("hearsay.guard.answers").counter().count());
  }

  @Test
  void anAnswerTooLateIsChargedToTheFloodBudgets() {
    EmbeddedChannel ch = connect(MALLORY);
    ch.writeOutbound(new Envelope(SELF, join()));
    now.addAndGet(guard.settings().answers().within().toNanos());
    viewAnswer(MALLORY, 40, 40, 800).forEach(ch::writeInbound);
    assertTrue(delivered.size() < 12, delivered.size() + " delivered");
    assertEquals(0, registry.find("hearsay.guard.answers").counter().count());
  }

  @Test
  void askingOftenNeverAllowsMoreThanOneAnswer() {
    EmbeddedChannel ch = connect(MALLORY);
    for (int i = 0; i < 10; i++) {
      ch.writeOutbound(new Envelope(SELF, new PushPullSyn(new ViewDigest(0, new int[ViewDigest.BUCKETS]), false)));
    }
    int perFrame = 500;
    int allowed = guard.settings().answers().claims() / perFrame; // 20 frames of 500 claims
    viewAnswer(MALLORY, allowed + 5, perFrame, 8).forEach(ch::writeInbound);
    assertEquals(allowed, registry.find("hearsay.guard.answers").counter().count(), "one answer's allowance, not ten");
    assertTrue(delivered.size() < allowed + 5, "past the allowance, the budgets apply");
    assertTrue(guard.actions("dropped_verification_rate") + guard.actions("dropped_claim_rate") >= 1);
  }

  /** What the guard decided for the last connection {@link #acceptedFrom} accepted. */
  private AcceptVerdict lastVerdict;

  /**
   * An accepted connection from {@code address} (a child of a server channel), as the transport sets
   * it up: the guard admits it by address first, or refuses it with nothing built (closed at once, or
   * held unread by the tarpit); an admitted one
   * gets its handshake and the guard. Closed before its handshake completed (no peer bound to it), it
   * reports a failed handshake, as the TLS handler does.
   */
  private EmbeddedChannel acceptedFrom(String address) {
    EmbeddedChannel ch = new EmbeddedChannel(new EmbeddedChannel(), io.netty.channel.DefaultChannelId.newInstance(), true, false) {
      @Override
      protected java.net.SocketAddress remoteAddress0() {
        return new java.net.InetSocketAddress(address, 40_000);
      }
    };
    lastVerdict = guard.admitConnection(ch);
    if (lastVerdict == AcceptVerdict.CLOSE) {
      ch.close();
    }
    if (lastVerdict != AcceptVerdict.ADMIT) {
      return ch; // closed, or held unread by the guard: nothing is built for it
    }
    ChannelInboundHandlerAdapter tls = new ChannelInboundHandlerAdapter() {
      @Override
      public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().attr(PeerChannels.PEER).get() == null) { // a completed handshake cannot fail any more
          ctx.fireUserEventTriggered(new io.netty.handler.ssl.SslHandshakeCompletionEvent(new java.nio.channels.ClosedChannelException()));
        }
        super.channelInactive(ctx);
      }
    };
    ch.pipeline().addLast(tls, guard.handler());
    return ch;
  }

  @Test
  void connectionsRefusedForTheirRateNeverGetTheAddressBanned() throws Exception {
    // 300 connections from one address in one instant: the first 200 are admitted, the rest are
    // closed on accept, before any handshake: nothing of them counts as the peer's failure.
    for (int i = 0; i < 300; i++) {
      acceptedFrom("192.0.2.7");
    }
    assertEquals(100, guard.actions("refused_connection_rate"));
    assertFalse(guard.isBanned(java.net.InetAddress.getByName("192.0.2.7")));
    assertEquals(0, guard.actions("banned_address"));
  }

  /** A connection accepted from {@code address} whose handshake authenticated {@code peer}. */
  private EmbeddedChannel authenticatedFrom(String address, NodeIdentity peer) {
    EmbeddedChannel ch = acceptedFrom(address);
    if (ch.isOpen()) {
      ch.attr(PeerChannels.PEER).set(peer);
      ch.pipeline().fireUserEventTriggered(new PeerAuthenticated(peer));
    }
    return ch;
  }

  @Test
  void aBannedIdentityThatKeepsReconnectingGetsItsAddressBannedBeforeTheHandshake() throws Exception {
    flood(MALLORY, 1_000, () -> frame(MALLORY, ping()));
    assertTrue(guard.isBanned(MALLORY));
    long allowed = guard.settings().addressRefusedIdentitiesPerMinute();
    for (int i = 0; i < allowed; i++) {
      assertFalse(authenticatedFrom("192.0.2.9", MALLORY).isOpen(), "closed after its handshake");
      now.addAndGet(3 * SECOND / 2); // a reconnect every 1.5 s: not at once, but faster than any honest back-off
    }
    assertEquals(0, guard.actions("banned_address"));
    assertFalse(authenticatedFrom("192.0.2.9", MALLORY).isOpen());
    assertEquals(allowed + 1, guard.actions("refused_banned_identity"));
    assertEquals(1, guard.actions("banned_address"), "each of its handshakes was wasted work; past the limit the address is banned");

    acceptedFrom("192.0.2.9");
    assertEquals(AcceptVerdict.TAKEN, lastVerdict, "refused on accept and held unread, before any handshake work");
    assertEquals(1, guard.actions("refused_banned_address"));
    assertEquals(allowed + 1, guard.actions("refused_banned_identity"), "no handshake was completed for it");
    assertTrue(authenticatedFrom("192.0.2.10", HONEST).isOpen(), "other addresses are not affected");
  }

  @Test
  void aBannedIdentityThatReconnectsAtOnceGetsItsAddressBannedOnItsThirdTry() throws Exception {
    flood(MALLORY, 1_000, () -> frame(MALLORY, ping()));
    assertTrue(guard.isBanned(MALLORY));
    for (int i = 0; i < PeerGuard.REFUSED_AT_ONCE_TO_BAN + 1; i++) {
      assertEquals(0, guard.actions("banned_address"), "not yet, on try " + (i + 1));
      assertFalse(authenticatedFrom("192.0.2.15", MALLORY).isOpen(), "closed after its handshake");
      now.addAndGet(SECOND / 10); // a reconnect every 100 ms
    }
    assertEquals(1, guard.actions("banned_address"), "two reconnects in a row at once after a refusal: it ignores refusals");
    acceptedFrom("192.0.2.15");
    assertEquals(AcceptVerdict.TAKEN, lastVerdict, "refused on accept, before any handshake work");
    assertEquals(3, guard.actions("refused_banned_identity"), "three handshakes in all, not six");
    assertTrue(authenticatedFrom("192.0.2.16", HONEST).isOpen(), "other addresses are not affected");
  }

  @Test
  void anHonestNodeDiallingAPeerAtTwoAddressesAtOnceIsNotBannedForIt() throws Exception {
    floodUntilDisconnected(HONEST);
    // It knows the peer by two addresses (a seed's name and its advertised address) and dials both at
    // the same moment, then each again on its back-off.
    for (long gap : new long[] {0, 2}) {
      now.addAndGet(gap * SECOND);
      assertFalse(authenticatedFrom("192.0.2.17", HONEST).isOpen());
      assertFalse(authenticatedFrom("192.0.2.17", HONEST).isOpen());
    }
    assertEquals(4, guard.actions("refused_disconnected_identity"));
    assertFalse(guard.isBanned(HONEST));
    assertEquals(0, guard.actions("banned_address"));
    assertEquals(0, guard.actions("refused_reconnect_at_once"));
  }

  @Test
  void aBannedIdentityRedialingAtTheHonestBackOffNeverGetsItsAddressBanned() throws Exception {
    flood(MALLORY, 1_000, () -> frame(MALLORY, ping()));
    assertTrue(guard.isBanned(MALLORY));
    // An honest node the guard banned (by mistake, or for a burst) redials on its dial back-off for a
    // peer that refused it (the node's DialBackoff.REFUSED): at 0, 2, 6, 14, 30 s, then once a minute.
    long gap = 2_000;
    int refused = 0;
    while (guard.isBanned(MALLORY)) {
      assertFalse(authenticatedFrom("192.0.2.11", MALLORY).isOpen(), "banned");
      refused++;
      now.addAndGet(gap * 1_000_000L);
      gap = Math.min(2 * gap, 60_000);
    }
    assertEquals(4, refused, "the first ban lasts 30 s");
    assertEquals(0, guard.actions("banned_address"));
    assertTrue(authenticatedFrom("192.0.2.11", HONEST).isOpen(), "a node sharing its address is admitted");
    assertTrue(authenticatedFrom("192.0.2.11", MALLORY).isOpen(), "and so is the node itself once its ban is over");
  }

  /** Floods frames over one connection until the guard disconnects {@code who}; its score is then at the disconnect threshold. */
  private void floodUntilDisconnected(NodeIdentity who) {
    EmbeddedChannel ch = connect(who);
    for (int i = 0; i < 1_000 && ch.isOpen(); i++) {
      ch.writeInbound(frame(who, ping()));
    }
    assertFalse(ch.isOpen(), "disconnected");
    assertFalse(guard.isBanned(who), "disconnected, not yet banned");
    assertEquals(guard.settings().disconnectBelow(), guard.score(who), 1e-9);
  }

  @Test
  void aDisconnectedPeerThatReconnectsAtOnceIsRefusedAndSoonBanned() throws Exception {
    floodUntilDisconnected(MALLORY);
    // A flooder reconnects every 100 ms: each connection is closed right after its handshake, without
    // a frame read from it, and costs it 5 points; the third, at once after two refusals in a row,
    // shows it ignores them.
    int refused = 0;
    while (!guard.isBanned(MALLORY)) {
      assertFalse(authenticatedFrom("192.0.2.12", MALLORY).isOpen(), "closed after its handshake");
      refused++;
      now.addAndGet(SECOND / 10);
    }
    assertEquals(3, refused, "banned on the third");
    assertEquals(2, guard.actions("refused_disconnected_identity"));
    assertEquals(1, guard.actions("refused_reconnect_at_once"));
    assertEquals(1, guard.actions("banned"));
    // Its handshakes were wasted work, as a banned identity's are: its address is banned with it.
    assertEquals(1, guard.actions("banned_address"));
    acceptedFrom("192.0.2.12");
    assertEquals(AcceptVerdict.TAKEN, lastVerdict, "refused on accept, before any handshake work");
    assertTrue(authenticatedFrom("192.0.2.14", HONEST).isOpen(), "other addresses are not affected");
  }

  @Test
  void aDisconnectedHonestNodeRedialingAtItsBackOffIsAdmittedOnceItsScoreRecovered() throws Exception {
    floodUntilDisconnected(HONEST); // an honest node that burst far past its budget (a bug, a replay)
    // Its connection lived long, so it redials at once, then after 2 and 4 s (DialBackoff.REFUSED);
    // the score recovers 2 points a second.
    assertFalse(authenticatedFrom("192.0.2.13", HONEST).isOpen(), "at once: still at the threshold");
    now.addAndGet(2 * SECOND);
    assertFalse(authenticatedFrom("192.0.2.13", HONEST).isOpen(), "after 2 s: 20 + 4 points, still not past 25");
    now.addAndGet(4 * SECOND);
    assertTrue(authenticatedFrom("192.0.2.13", HONEST).isOpen(), "after 4 s more: 27 points, admitted");
    assertFalse(guard.isBanned(HONEST));
    assertEquals(0, guard.actions("banned_address"));
    assertEquals(0, guard.actions("banned"));
  }

  @Test
  void aBannedAddressIsHeldUnreadWithinTheTarpitsBoundsAndClosedWhenItsHoldEnds() {
    for (int i = 0; i < 21; i++) {
      acceptedFrom("192.0.2.15").close(); // failed handshakes: the address is banned
    }
    TarpitLimits limits = guard.settings().tarpit();
    List<EmbeddedChannel> held = new ArrayList<>();
    for (int i = 0; i < limits.perAddress(); i++) {
      held.add(acceptedFrom("192.0.2.15"));
      assertEquals(AcceptVerdict.TAKEN, lastVerdict);
    }
    assertTrue(held.stream().allMatch(EmbeddedChannel::isOpen), "held open, never read");
    assertFalse(acceptedFrom("192.0.2.15").isOpen(), "past the bound for one address: closed at once");
    assertEquals(AcceptVerdict.CLOSE, lastVerdict);
    assertEquals(limits.perAddress() + 1, guard.actions("refused_banned_address"), "each refusal counted, held or not");

    now.addAndGet(limits.hold().toNanos());
    EmbeddedChannel listener = (EmbeddedChannel) held.get(0).parent(); // its loop runs the guard's sweep
    listener.advanceTimeBy(limits.hold().toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    listener.runScheduledPendingTasks();
    assertTrue(held.stream().noneMatch(EmbeddedChannel::isOpen), "closed by the guard's sweep when the hold ended");
    acceptedFrom("192.0.2.15");
    assertEquals(AcceptVerdict.TAKEN, lastVerdict, "room again");
    EmbeddedChannel last = acceptedFrom("192.0.2.15");
    guard.close();
    assertFalse(last.isOpen(), "the node stopping closes what the tarpit holds");
  }

  @Test
  void theTarpitHoldsAtMostItsTotalFromAllAddresses() {
    TarpitLimits limits = guard.settings().tarpit();
    int addresses = limits.total() / limits.perAddress() + 1;
    int taken = 0;
    for (int a = 0; a < addresses; a++) {
      String address = "198.51.100." + (a + 1);
      for (int i = 0; i < 21; i++) {
        acceptedFrom(address).close();
      }
      for (int i = 0; i < limits.perAddress(); i++) {
        acceptedFrom(address);
        taken += lastVerdict == AcceptVerdict.TAKEN ? 1 : 0;
      }
    }
    assertEquals(limits.total(), taken, "one descriptor per held connection: bounded in all");
  }

  @Test
  void handshakesThatFailOnAdmittedConnectionsGetTheAddressBanned() {
    for (int i = 0; i < 21; i++) {
      acceptedFrom("192.0.2.8").close(); // the peer gave up before completing its handshake
    }
    assertEquals(1, guard.actions("banned_address"), "20 failed handshakes a minute are allowed, the 21st bans");
  }

  @Test
  void framesOverTheRateAreDroppedThenThePeerIsDisconnectedAndBanned() {
    EmbeddedChannel ch = flood(MALLORY, 1_000, () -> frame(MALLORY, ping()));
    assertEquals(200, delivered.size(), "one second's worth passes, not more");
    assertTrue(guard.actions("dropped_frame_rate") >= 1);
    assertTrue(guard.actions("disconnected") >= 1);
    assertFalse(ch.isOpen(), "disconnected");
    assertTrue(guard.isBanned(MALLORY));
    assertEquals(1, guard.actions("banned"));
    assertEquals(MALLORY, guard.lowestScores(1).get(0).peer());
    assertTrue(registry.find("hearsay.guard.score").tag("rank", "1").gauge().value() <= 0);
  }

  @Test
  void honestFramesAtTheLanRateAreAllDelivered() {
    EmbeddedChannel ch = connect(HONEST);
    for (int i = 0; i < 600; i++) { // 10 frames a second for a minute, a few times the LAN profile's rate
      ch.writeInbound(frame(HONEST, new Gossip(List.of(alive(i)), false)));
      now.addAndGet(SECOND / 10);
    }
    assertEquals(600, delivered.size());
    assertTrue(ch.isOpen());
    assertEquals(100, guard.score(HONEST));
    assertEquals(0, guard.actions("dropped_frame_rate") + guard.actions("dropped_claim_rate") + guard.actions("dropped_verification_rate"));
  }

  @Test
  void bytesOverTheRateAreDropped() {
    EmbeddedChannel ch = connect(MALLORY);
    List<Claim> many = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      many.add(new Alive(VICTIM, i, "127.0.0.1:1", 0, new byte[800]));
    }
    for (int i = 0; i < 20 && ch.isOpen(); i++) {
      ch.writeInbound(frame(MALLORY, new Gossip(many, false)));
      now.addAndGet(SECOND / 100);
    }
    assertTrue(guard.actions("dropped_byte_rate") >= 1, "about 32 KiB a frame, 256 KiB/s allowed");
    assertTrue(delivered.size() < 12);
  }

  @Test
  void aBannedIdentityIsClosedRightAfterAuthenticationUntilItsBanEnds() {
    flood(MALLORY, 1_000, () -> frame(MALLORY, ping()));
    assertTrue(guard.isBanned(MALLORY));

    EmbeddedChannel again = connect(MALLORY);
    assertFalse(again.isOpen(), "a banned identity's new connection is closed");
    assertEquals(1, guard.actions("refused_banned_identity"));
    assertTrue(connect(HONEST).isOpen(), "other identities are not affected");

    now.addAndGet(30 * SECOND);
    assertFalse(guard.isBanned(MALLORY));
    assertTrue(connect(MALLORY).isOpen(), "the first ban lasts 30 s");
  }

  @Test
  void aSecondOffenceIsBannedTwiceAsLong() {
    for (int round = 0; round < 2; round++) {
      flood(MALLORY, 2_000, () -> frame(MALLORY, ping()));
      assertTrue(guard.isBanned(MALLORY));
      now.addAndGet(round == 0 ? 30 * SECOND : 0);
    }
    now.addAndGet(59 * SECOND);
    assertTrue(guard.isBanned(MALLORY));
    now.addAndGet(SECOND);
    assertFalse(guard.isBanned(MALLORY));
  }

  @Test
  void accusationsOverTheRateAreDroppedAndRetransmissionsAreNotCounted() {
    EmbeddedChannel honest = connect(HONEST);
    for (int i = 0; i < 100; i++) { // one accusation retransmitted 100 times, and relayed ones by others
      honest.writeInbound(new Envelope(HONEST, new Gossip(List.of(accusation(HONEST, 7), accusation(MALLORY, i)), false)));
      now.addAndGet(SECOND / 10);
    }
    assertEquals(100, delivered.size());
    assertEquals(0, guard.actions("dropped_accusation_rate"));

    delivered.clear();
    long[] incarnation = {1_000};
    flood(MALLORY, 200, () -> new Envelope(MALLORY, new Gossip(List.of(accusation(MALLORY, incarnation[0]++)), false)));
    assertEquals(30, delivered.size(), "30 accusations a minute");
    assertTrue(guard.actions("dropped_accusation_rate") >= 1);
    assertTrue(guard.isBanned(MALLORY));
  }

  @Test
  void messagesWithClaimsAreDroppedWhileTheVerificationBudgetIsSpent() {
    EmbeddedChannel ch = connect(MALLORY);
    List<Claim> fifty = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      fifty.add(alive(i));
    }
    for (int i = 0; i < 5; i++) {
      ch.writeInbound(new Envelope(MALLORY, new Gossip(fifty, false)));
      if (i == 0) {
        assertEquals(1, delivered.size());
      }
    }
    delivered.subList(1, delivered.size()).clear(); // the four copies were delivered too
    assertEquals(1, delivered.size());
    assertEquals(1, delivered.size(), "new claims: 50 verifications each, 250 asked for, 200 allowed");
    assertEquals(0, guard.actions("dropped_verification_rate"), "relayed copies cost nothing");
    List<Claim> more = new ArrayList<>();
    for (int i = 50; i < 320; i++) {
      more.add(alive(i));
    }
    for (int i = 0; i < 5; i++) {
      ch.writeInbound(new Envelope(MALLORY, new Gossip(more.subList(50 * i, 50 * i + 50), false)));
    }
    assertEquals(4, delivered.size(), "the fourth message takes the budget to zero");
    assertEquals(2, guard.actions("dropped_verification_rate"));
    ch.writeInbound(new Envelope(MALLORY, new Ping(2, VICTIM, more.subList(250, 251))));
    assertEquals(5, delivered.size(), "a probe still passes, without its claims");
    assertTrue(((Ping) delivered.get(4)).piggyback().isEmpty());
    ch.writeInbound(new Envelope(MALLORY, new PushPullSyn(new ViewDigest(0, new int[ViewDigest.BUCKETS]), true, more.subList(251, 252))));
    assertEquals(6, delivered.size(), "a join still gets its answer, without its announcement");
    assertTrue(((PushPullSyn) delivered.get(5)).claims().isEmpty());
    now.addAndGet(SECOND);
    ch.writeInbound(new Envelope(MALLORY, new Gossip(more.subList(200, 250), false)));
    assertEquals(7, delivered.size(), "the budget refills");
  }

  @Test
  void relayedCopiesOfKnownClaimsCostNoClaimBudget() {
    EmbeddedChannel ch = connect(HONEST);
    List<Claim> view = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      view.add(alive(i));
    }
    for (int i = 0; i < 10; i++) { // the same 400-claim push-pull ten times in a second
      ch.writeInbound(new Envelope(HONEST, new Gossip(view, false)));
      now.addAndGet(SECOND / 10);
    }
    assertEquals(10, delivered.size(), "only the first copy needed verifications (400, into debt)");
    assertEquals(0, guard.actions("dropped_claim_rate") + guard.actions("dropped_verification_rate"));
  }

  @Test
  void refusedClaimsLowerTheScoreUntilThePeerIsBanned() {
    refuseEveryClaim = true;
    long[] i = {0};
    EmbeddedChannel ch = flood(MALLORY, 100, () -> new Envelope(MALLORY, new Gossip(List.of(alive(i[0]++)), false)));
    // 10 points each: eight take a clean peer to 20, below the disconnect threshold; its reconnects
    // are then refused right after the handshake (5 points each) until it is banned.
    assertEquals(8, guard.actions("invalid_claim"));
    assertEquals(4, guard.actions("refused_disconnected_identity"));
    assertTrue(guard.isBanned(MALLORY));
    assertFalse(ch.isOpen());
  }

  @Test
  void anOccasionalRefusedClaimFromAnHonestRelayIsForgiven() {
    EmbeddedChannel ch = connect(HONEST);
    for (int i = 0; i < 60; i++) { // one stale relayed claim refused every 10 s
      refuseEveryClaim = i % 10 == 0;
      ch.writeInbound(new Envelope(HONEST, new Gossip(List.of(alive(i)), false)));
      now.addAndGet(SECOND);
    }
    assertTrue(ch.isOpen());
    assertEquals(60, delivered.size());
    assertTrue(guard.score(HONEST) > guard.settings().dropBelow());
  }

  @Test
  void malformedFramesCostScore() {
    flood(MALLORY, 100, () -> new DecoderException(new MalformedFrameException("bad field")));
    // Each closes the connection and costs 20 points: four bring the peer to 20, below the disconnect
    // threshold, and its reconnects are refused right after the handshake, 5 points each, to its ban.
    assertEquals(4, guard.actions("malformed_frame"));
    assertEquals(4, guard.actions("refused_disconnected_identity"));
    assertTrue(guard.isBanned(MALLORY));
  }

  @Test
  void aQuarantinedPeerIsDroppedUntilItsScoreRecovers() {
    for (int i = 0; i < 3; i++) { // 40: quarantined
      connect(HONEST).pipeline().fireExceptionCaught(new DecoderException(new MalformedFrameException("bad")));
    }
    EmbeddedChannel ch = connect(HONEST);
    ch.writeInbound(frame(HONEST, ping()));
    assertEquals(0, delivered.size());
    assertEquals(1, guard.actions("dropped_while_quarantined"));
    now.addAndGet(10 * SECOND);
    ch.writeInbound(frame(HONEST, ping()));
    assertEquals(1, delivered.size(), "recovered above the drop threshold");
  }

  @Test
  void anOverloadedNodePausesTheNoisiestPeerFirstAndResumesIt() {
    EmbeddedChannel noisy = connect(MALLORY);
    EmbeddedChannel quiet = connect(HONEST);
    for (int i = 0; i < 100; i++) {
      noisy.writeInbound(frame(MALLORY, new Gossip(List.of(), false)));
    }
    quiet.writeInbound(frame(HONEST, ping()));
    overloaded.set(true);
    now.addAndGet(SECOND / 50);
    quiet.writeInbound(frame(HONEST, ping()));
    assertFalse(noisy.config().isAutoRead(), "the noisiest peer is not read");
    assertTrue(quiet.config().isAutoRead(), "the quiet one still is");
    assertTrue(guard.isPaused(MALLORY));
    assertEquals(1, guard.actions("paused_reading"));

    now.addAndGet(SECOND / 50);
    quiet.writeInbound(frame(HONEST, ping()));
    assertTrue(quiet.config().isAutoRead(), "never more than half of the peers are paused");

    noisy.advanceTimeBy(guard.settings().pauseReadingFor().toMillis(), TimeUnit.MILLISECONDS);
    noisy.runScheduledPendingTasks();
    assertTrue(noisy.config().isAutoRead(), "reading resumes after the pause");
  }

  @Test
  void aNodeThatIsNotOverloadedPausesNobody() {
    EmbeddedChannel noisy = connect(MALLORY);
    connect(HONEST);
    for (int i = 0; i < 150; i++) {
      noisy.writeInbound(frame(MALLORY, new Gossip(List.of(), false)));
      now.addAndGet(SECOND / 50);
    }
    assertTrue(noisy.config().isAutoRead());
    assertEquals(0, guard.actions("paused_reading"));
  }
}
