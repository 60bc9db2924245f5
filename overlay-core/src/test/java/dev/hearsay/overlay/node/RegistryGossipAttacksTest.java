package dev.hearsay.overlay.node;

import static dev.hearsay.overlay.node.RegistryNodes.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.core.RegistryHead;
import dev.hearsay.overlay.core.RevocationEntries;
import dev.hearsay.overlay.core.Status;
import dev.hearsay.overlay.revocation.ForgedHeads;
import dev.hearsay.overlay.sim.SimulatedRegistry;
import dev.hearsay.overlay.transport.RawTlsClient;
import dev.hearsay.overlay.transport.RejectReason;
import dev.hearsay.overlay.wire.WireLimits;
import dev.hearsay.registry.log.LogPosition;
import dev.hearsay.registry.log.RevocationEntry;
import dev.hearsay.registry.log.RevocationTarget;
import dev.hearsay.registry.log.SignedHead;
import io.netty.buffer.Unpooled;
import io.netty.channel.nio.NioEventLoopGroup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node holding a valid certificate tries to change another node's revocations through registry
 * gossip, over real mutual TLS: a head signed by a key that is not a registry's, an older head, a
 * chain with an entry left out, a chain with an entry altered, a malformed frame. Each changes
 * nothing at the receiver T (its verified log, its revocation set, its view) and is counted by
 * outcome and reason; the same words from the registry's chain, honestly relayed, are accepted.
 * T cannot reach its registry, so gossip is its only source. Entries and heads are real: signed by a
 * registry key of T's own CA.
 */
class RegistryGossipAttacksTest {
  @TempDir Path dir;
  private final TestPki pki = new TestPki();
  private final SimulatedRegistry registry = new SimulatedRegistry(pki.ca);
  private final Credentials mallory = pki.node("blue", "mallory");
  private RegistryNodes cluster;
  private Node t;
  private Node b;
  private WireClient attacker;
  private WireClient relay;

  /** What the attacks must leave as it was. */
  private record Snapshot(LogPosition position, Instant headTime, int revocations, Map<String, Status> view) {}

  @BeforeEach
  void start() throws Exception {
    cluster = new RegistryNodes(pki, dir);
    t = cluster.start(pki.node("blue", "t"), List.of(), RegistryNodes.unreachable());
    b = cluster.start(pki.node("blue", "b"), List.of(t.address()), null);
    cluster.awaitConverged(List.of(t, b));
    for (int i = 1; i <= 4; i++) {
      registry.append(RevocationTarget.identity(NodeIdentity.node(TestPki.DOMAIN, "blue", "gone" + i)), "decommissioned", pki.clock.instant());
    }
    attacker = new WireClient(pki, mallory).connect(t.address(), t.identity());
    relay = new WireClient(pki, pki.node("blue", "relay")).connect(t.address(), t.identity());
  }

  @AfterEach
  void stop() {
    attacker.close();
    relay.close();
    cluster.close();
  }

  private Snapshot snapshot() {
    SignedHead head = t.revocations().head();
    Map<String, Status> view = new TreeMap<>();
    t.view().members().forEach(m -> view.put(m.id(), m.status()));
    return new Snapshot(head == null ? LogPosition.GENESIS : head.position(), head == null ? null : head.time(),
        t.revocations().revocations().size(), view);
  }

  private SignedHead head(int sequence) {
    return registry.headAt(sequence, pki.clock.instant());
  }

  private RevocationEntry entry(int sequence) {
    return registry.entries().get(sequence - 1);
  }

  private List<RevocationEntry> entries(int from, int to) {
    return registry.entries().subList(from - 1, to);
  }

  private double offers(String outcome, String reason) {
    return cluster.count(t, "hearsay.registry.gossip.offers", "outcome", outcome, "reason", reason);
  }

  private double refused(String reason) {
    return cluster.count(t, "hearsay.registry.gossip.refused", "reason", reason);
  }

  /** Sends {@code m} and waits until T has counted an offer with this outcome and reason: then it has done all it will with it. */
  private void sendAndAwaitOffer(WireClient from, Message m, String outcome, String reason) throws Exception {
    double before = offers(outcome, reason);
    from.send(m);
    Await.until(WAIT, "T to count a gossip offer " + outcome + "/" + reason, () -> offers(outcome, reason) > before, cluster::state);
  }

  /** T accepts the chain up to {@code sequence} from an honest relay. */
  private void hold(int sequence) throws Exception {
    sendAndAwaitOffer(relay, new RevocationEntries(entries(1, sequence), head(sequence)), "accepted", "none");
    assertEquals(sequence, t.revocations().head().sequence());
  }

  @Test
  void theRegistrysChainRelayedByAnyNodeIsAcceptedAndEnforced() throws Exception {
    Snapshot before = snapshot();
    sendAndAwaitOffer(attacker, new RevocationEntries(entries(1, 2), head(2)), "accepted", "none");
    assertEquals(2, t.revocations().head().sequence());
    assertEquals(before.revocations() + 2, t.revocations().revocations().size());
    for (int i = 1; i <= 2; i++) {
      assertTrue(t.revocations().revocations().entryFor(entry(i).target()).isPresent());
    }
    assertEquals(before.view(), snapshot().view());
  }

  @Test
  void aHeadSignedByAKeyThatIsNotTheRegistrysChangesNothingAndQuarantinesTheSender() throws Exception {
    hold(1);
    Snapshot before = snapshot();
    SignedHead forged = ForgedHeads.signedBy(mallory.keyMaterial(), head(3).position(), pki.clock.instant(), TestPki.DOMAIN);
    sendAndAwaitOffer(attacker, new RevocationEntries(entries(2, 3), forged), "rejected", "untrusted_head");
    assertEquals(before, snapshot());
    Await.until(WAIT, "T to count the refusal against the sender", () -> refused("untrusted_head") == 1.0, cluster::state);

    // For a while, T does not hear the sender on registry matters at all, not even the registry's own words.
    attacker.send(new RevocationEntries(entries(2, 3), head(3)));
    Await.until(WAIT, "T to drop the quarantined sender's offer", () -> refused("quarantined") >= 1, cluster::state);
    assertEquals(before, snapshot());
  }

  @Test
  void anOlderHeadChangesNothingEvenSignedLater() throws Exception {
    hold(3);
    Snapshot before = snapshot();
    pki.clock.advance(Duration.ofMinutes(1));
    SignedHead older = head(1);
    sendAndAwaitOffer(attacker, new RevocationEntries(entries(1, 1), older), "ignored", "none");
    assertEquals(before, snapshot());

    // A head showing the sender behind only gets it the entries it lacks.
    attacker.received.clear();
    attacker.send(new RegistryHead(older));
    RevocationEntries gap = attacker.await(RevocationEntries.class, WAIT);
    assertEquals(entries(2, 3), gap.entries());
    assertEquals(before, snapshot());
  }

  @Test
  void aChainWithAnEntryRemovedChangesNothing() throws Exception {
    hold(1);
    Snapshot before = snapshot();
    sendAndAwaitOffer(attacker, new RevocationEntries(List.of(entry(2), entry(4)), head(4)), "rejected", "missing_entries");
    assertEquals(before, snapshot());
    assertTrue(t.revocations().revocations().entryFor(entry(3).target()).isEmpty());
  }

  @Test
  void aChainWithAnEntryAlteredChangesNothing() throws Exception {
    hold(1);
    Snapshot before = snapshot();
    RevocationEntry second = entry(2);
    // The altered entry would revoke the honest node B, and keeps the hash of the real one.
    RevocationEntry altered = RevocationEntry.withClaimedHash(second.sequence(), RevocationTarget.identity(b.identity()), second.reason(),
        second.time(), second.operator(), second.prevHash(), second.hash());
    sendAndAwaitOffer(attacker, new RevocationEntries(List.of(altered, entry(3), entry(4)), head(4)), "rejected", "broken_chain");
    assertEquals(before, snapshot());
    assertEquals(Status.ALIVE, t.view().statusOf(b.identity().uri()));
    assertTrue(t.revocations().revocations().entryFor(RevocationTarget.identity(b.identity())).isEmpty());
  }

  @Test
  void aMalformedRegistryFrameIsRefusedAndCounted() throws Exception {
    Snapshot before = snapshot();
    NioEventLoopGroup group = new NioEventLoopGroup(1);
    try {
      RawTlsClient raw = RawTlsClient.connect(group, pki, mallory, Addresses.parse(t.address()));
      byte[] sender = mallory.identity().uri().getBytes(StandardCharsets.UTF_8);
      // A REG_ENTRIES frame announcing one entry more than a message may hold.
      int length = 1 + 1 + 2 + sender.length + 2;
      raw.send(Unpooled.buffer().writeInt(length).writeByte(WireLimits.VERSION).writeByte(13).writeShort(sender.length).writeBytes(sender)
          .writeShort(WireLimits.MAX_REVOCATION_ENTRIES + 1));
      raw.awaitClosed();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
    Await.until(WAIT, "T to count the malformed frame", () -> t.transport().rejections().count(RejectReason.MALFORMED_FRAME) >= 1,
        cluster::state);
    assertEquals(before, snapshot());
    assertEquals(Status.ALIVE, t.view().statusOf(b.identity().uri()));
  }
}
