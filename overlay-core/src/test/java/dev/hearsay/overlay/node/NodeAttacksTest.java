package dev.hearsay.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.overlay.claims.SigningProofSource;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.Gossip;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.Status;
import dev.hearsay.overlay.core.Suspect;
import dev.hearsay.overlay.transport.RawTlsClient;
import dev.hearsay.overlay.transport.TransportConfig;
import dev.hearsay.overlay.wire.WireLimits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node holding a valid certificate attacks a running node T over real mutual TLS. Each attack is
 * refused and counted, and T's view of the honest node B is what B itself says. After each attack
 * the attacker sends its own honest ALIVE: once T lists the attacker, T has processed everything
 * sent before it, so "nothing changed" is checked at a known point, not after a guessed delay.
 */
class NodeAttacksTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final TestPki pki = new TestPki();
  private final Credentials bCreds = pki.node("blue", "b");
  private final Credentials mallory = pki.node("blue", "mallory");
  private final SimpleMeterRegistry tMetrics = new SimpleMeterRegistry();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private Node t;
  private Node b;
  private WireClient attacker;
  /** Incarnation of the attacker's latest marker ALIVE; each marker is newer than the last. */
  private long markers = 100;

  @BeforeEach
  void cluster() throws Exception {
    t = Node.start(NodeConfig.loopback(pki.node("blue", "t"), List.of()), tMetrics, RevocationCheck.NONE);
    closeables.add(t);
    b = Node.start(NodeConfig.loopback(bCreds, List.of(t.address())), new SimpleMeterRegistry(), RevocationCheck.NONE);
    closeables.add(b);
    Await.until(WAIT, "t and b to see each other", () -> t.view().statusOf(b.identity().uri()) == Status.ALIVE
        && b.view().statusOf(t.identity().uri()) == Status.ALIVE, this::state);
    attacker = new WireClient(pki, mallory).connect(t.address(), t.identity());
    closeables.add(attacker);
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  private String state() {
    return "t: " + t.view().members() + "\nb: " + b.view().members();
  }

  private static MemberId id(Credentials c) {
    return MemberId.parse(c.identity().uri());
  }

  private static Alive signed(Credentials signer, Alive unsigned) {
    byte[] proof = new SigningProofSource(signer).proofFor(unsigned);
    return new Alive(unsigned.subject(), unsigned.incarnation(), unsigned.address(), unsigned.metaVersion(), proof);
  }

  private double claimRejections(String reason) {
    Counter c = tMetrics.find("hearsay.claims.rejected").tag("reason", reason).counter();
    return c == null ? 0 : c.count();
  }

  private double transportRejections(String reason) {
    Counter c = tMetrics.find("hearsay.transport.rejections").tag("reason", reason).counter();
    return c == null ? 0 : c.count();
  }

  /** The attacker's honest ALIVE, sent last: when T lists the attacker, the attack was processed. */
  private void sendMarkerAndAwait() throws Exception {
    long marker = ++markers;
    attacker.send(new Gossip(List.of(signed(mallory, new Alive(id(mallory), marker, "127.0.0.1:9", 0, new byte[0]))), false));
    Await.until(WAIT, "T to process marker " + marker, () -> {
      MembershipView.Member m = t.view().member(mallory.identity().uri());
      return m != null && m.incarnation() >= marker;
    }, this::state);
  }

  private MembershipView.Member bAtT() {
    return t.view().member(b.identity().uri());
  }

  @Test
  void aliveAboutAnotherNodeSignedByTheAttackerIsRefused() throws Exception {
    long before = bAtT().incarnation();
    attacker.send(new Gossip(List.of(signed(mallory, new Alive(id(bCreds), before + 10, "127.0.0.1:9", 0, new byte[0]))), false));
    sendMarkerAndAwait();

    assertEquals(1.0, claimRejections("signer_mismatch"));
    assertEquals(before, bAtT().incarnation());
    assertEquals(b.address(), bAtT().address());
  }

  @Test
  void relayedClaimWithOneByteChangedIsRefused() throws Exception {
    long before = bAtT().incarnation();
    Alive genuine = signed(bCreds, new Alive(id(bCreds), before + 1, b.address(), 0, new byte[0]));
    Alive altered = new Alive(genuine.subject(), genuine.incarnation(), "127.0.0.1:9", genuine.metaVersion(), genuine.proof());
    attacker.send(new Gossip(List.of(altered), false));
    sendMarkerAndAwait();

    assertEquals(1.0, claimRejections("bad_signature"));
    assertEquals(b.address(), bAtT().address());
  }

  @Test
  void frameNamingAnotherSenderClosesTheConnection() throws Exception {
    attacker.send(bCreds.identity(), new Gossip(List.of(), false));
    assertTrue(attacker.channel.closeFuture().await(10, TimeUnit.SECONDS), "T kept the connection open");
    assertEquals(1.0, transportRejections("sender_mismatch"));
    assertEquals(Status.ALIVE, bAtT().status());
  }

  @Test
  void oversizedTruncatedAndUnknownVersionFramesAreRefused() throws Exception {
    NioEventLoopGroup group = new NioEventLoopGroup(1);
    closeables.add(() -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly());
    var address = Addresses.parse(t.address());

    RawTlsClient big = RawTlsClient.connect(group, pki, mallory, address);
    big.send(Unpooled.buffer().writeInt(TransportConfig.defaults().maxFrameBytes() + 1).writeZero(64));
    big.awaitClosed();

    RawTlsClient version = RawTlsClient.connect(group, pki, mallory, address);
    version.send(Unpooled.buffer().writeInt(3).writeByte(WireLimits.VERSION + 1).writeByte(4).writeByte(0));
    version.awaitClosed();

    RawTlsClient truncated = RawTlsClient.connect(group, pki, mallory, address);
    truncated.send(Unpooled.buffer().writeInt(100).writeByte(WireLimits.VERSION).writeByte(5));
    truncated.channel.close().sync();

    assertEquals(1.0, transportRejections("frame_too_large"));
    assertEquals(1.0, transportRejections("malformed_frame"));
    // T still serves honest peers.
    sendMarkerAndAwait();
    assertEquals(Status.ALIVE, bAtT().status());
  }

  @Test
  void replayOfAnOlderAliveIsIgnored() throws Exception {
    long current = bAtT().incarnation();
    Alive newer = signed(bCreds, new Alive(id(bCreds), current + 5, b.address(), 0, new byte[0]));
    Alive older = signed(bCreds, new Alive(id(bCreds), current + 2, "127.0.0.1:9", 0, new byte[0]));
    attacker.send(new Gossip(List.of(newer), false));
    Await.until(WAIT, "T to take B's newer claim", () -> bAtT().incarnation() >= current + 5, this::state);

    double outdatedBefore = tMetrics.find("hearsay.claims.outdated").counter().count();
    for (int i = 0; i < 5; i++) {
      attacker.send(new Gossip(List.of(older), false));
    }
    sendMarkerAndAwait();

    assertTrue(bAtT().incarnation() >= current + 5, "T went back to an older incarnation: " + bAtT());
    assertEquals(b.address(), bAtT().address());
    assertEquals(Status.ALIVE, bAtT().status());
    // The replays are genuine claims, so nothing refuses them; they are ignored and counted.
    double replaysCounted = tMetrics.find("hearsay.claims.outdated").counter().count() - outdatedBefore;
    assertTrue(replaysCounted >= 5, "replayed claims counted as outdated: " + replaysCounted);
  }

  @Test
  void accusationOfAnIncarnationNeverClaimedIsIgnored() throws Exception {
    attacker.send(new Gossip(List.of(signed(mallory, new Alive(id(mallory), 0, "127.0.0.1:9", 0, new byte[0]))), false));
    long current = bAtT().incarnation();
    Suspect bogus = new Suspect(id(bCreds), current + 100, id(mallory), new byte[0]);
    Claim signedBogus = new Suspect(bogus.subject(), bogus.incarnation(), bogus.accuser(), new SigningProofSource(mallory).proofFor(bogus));
    attacker.send(new Gossip(List.of(signedBogus), false));
    sendMarkerAndAwait();

    assertEquals(Status.ALIVE, bAtT().status());
    assertEquals(current, bAtT().incarnation());
  }

  @Test
  void metricsCountTrafficAndAcceptedClaims() throws Exception {
    sendMarkerAndAwait();
    double framesIn = tMetrics.find("hearsay.transport.frames").tag("direction", "in").counter().count();
    double bytesIn = tMetrics.find("hearsay.transport.bytes").tag("direction", "in").counter().count();
    double bytesOut = tMetrics.find("hearsay.transport.bytes").tag("direction", "out").counter().count();
    assertTrue(framesIn >= 2 && bytesIn > framesIn * 8 && bytesOut > 0, "in " + framesIn + "/" + bytesIn + " out " + bytesOut);
    assertTrue(tMetrics.find("hearsay.claims.accepted").counter().count() >= 2);
    assertEquals(0.0, claimRejections("bad_signature"));
  }

  @Test
  void accusationFromAnotherTenantIsDeniedByTheDefaultPolicy() throws Exception {
    Credentials green = pki.node("green", "eve");
    try (WireClient outsider = new WireClient(pki, green).connect(t.address(), t.identity())) {
      outsider.send(new Gossip(List.of(signed(green, new Alive(id(green), 0, "127.0.0.1:9", 0, new byte[0]))), false));
      long current = bAtT().incarnation();
      Suspect accusation = new Suspect(id(bCreds), current, id(green), new byte[0]);
      outsider.send(new Gossip(List.of(new Suspect(accusation.subject(), accusation.incarnation(), accusation.accuser(),
          new SigningProofSource(green).proofFor(accusation))), false));
      Await.until(WAIT, "T to count the denial", () -> claimRejections("denied_cross_tenant") >= 1, this::state);
    }
    assertEquals(Status.ALIVE, bAtT().status());
  }

  @Test
  void accusationFromTheSameTenantIsTakenAndRefuted() throws Exception {
    long current = bAtT().incarnation();
    Suspect accusation = new Suspect(id(bCreds), current, id(mallory), new byte[0]);
    attacker.send(new Gossip(List.of(signed(mallory, new Alive(id(mallory), 0, "127.0.0.1:9", 0, new byte[0])),
        new Suspect(accusation.subject(), accusation.incarnation(), accusation.accuser(),
            new SigningProofSource(mallory).proofFor(accusation))), false));
    // Allowed by the policy, so T takes it; B hears of it and refutes with a higher incarnation.
    Await.until(WAIT, "B to refute the suspicion at T", () -> bAtT().status() == Status.ALIVE && bAtT().incarnation() > current,
        this::state);
    assertEquals(0.0, claimRejections("denied_cross_tenant"));
  }
}
