package dev.hearsay.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.authz.Policy;
import dev.hearsay.authz.PolicyLoader;
import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.overlay.core.Ack;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.MemberPull;
import dev.hearsay.overlay.core.MemberPush;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.core.Meta;
import dev.hearsay.overlay.core.Metadata;
import dev.hearsay.overlay.core.Ping;
import dev.hearsay.overlay.core.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Members' metadata over real mutual TLS: a node's private entries reach its own tenant only, its
 * shared entries reach other tenants only when its tenant is shared, and nobody can write another
 * node's metadata, whether by signing it or by altering a genuine claim.
 */
class NodeMetadataTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Metadata A_META = new Metadata(Map.of("zone", "eu-1"), Map.of("region", "eu"));
  private static final String BLUE_SHARED = "version: 1\ntenants:\n  - name: blue\n    membership: shared\n  - name: red\n    membership: isolated\n";

  private final TestPki pki = new TestPki();
  private final Credentials aCreds = pki.node("blue", "a");
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final SimpleMeterRegistry aMetrics = new SimpleMeterRegistry();
  private final SimpleMeterRegistry bMetrics = new SimpleMeterRegistry();

  @AfterEach
  void stop() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  private Node start(Credentials who, Metadata metadata, Policy policy, List<String> seeds, SimpleMeterRegistry metrics)
      throws Exception {
    Node node = Node.start(NodeConfig.loopback(who, seeds).withMetadata(metadata).withPolicy(policy), metrics,
        RevocationCheck.NONE);
    closeables.add(node);
    return node;
  }

  private WireClient client(Credentials who, Node target) throws Exception {
    WireClient c = new WireClient(pki, who).connect(target.address(), target.identity());
    closeables.add(c);
    return c;
  }

  private static Map<String, String> metadataAt(Node observer, Node subject) {
    MembershipView.Member m = observer.view().member(subject.identity().uri());
    return m == null ? null : m.metadata();
  }

  private double rejections(String reason) {
    return counted(bMetrics, reason);
  }

  private static double counted(SimpleMeterRegistry metrics, String reason) {
    Counter c = metrics.find("hearsay.claims.rejected").tag("reason", reason).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void privateMetadataStaysInItsTenantAndSharedMetadataCrossesOnlyFromASharedTenant() throws Exception {
    Policy policy = PolicyLoader.parse(BLUE_SHARED, "test policy");
    Node a = start(aCreds, A_META, policy, List.of(), aMetrics);
    Node b = start(pki.node("blue", "b"), Metadata.NONE, policy, List.of(a.address()), bMetrics);
    Node r = start(pki.node("red", "r"), new Metadata(Map.of("secret", "red-only"), Map.of()), policy,
        List.of(a.address()), new SimpleMeterRegistry());

    Await.until(WAIT, "b to hold a's private and shared metadata, r a's shared metadata",
        () -> Map.of("zone", "eu-1", "region", "eu").equals(metadataAt(b, a))
            && Map.of("region", "eu").equals(metadataAt(r, a)),
        () -> "b: " + b.view().members() + "\nr: " + r.view().members());
    Await.until(WAIT, "r to see b", () -> r.view().statusOf(b.identity().uri()) == Status.ALIVE, () -> r.view().members().toString());

    assertEquals(Map.of("zone", "eu-1", "region", "eu"), metadataAt(a, a), "a's own entry shows its metadata");
    assertNull(b.view().member(r.identity().uri()), "red is isolated: blue holds nothing of it");
    assertNull(a.view().member(r.identity().uri()));
  }

  @Test
  void withDefaultPolicyNothingOfATenantReachesAnother() throws Exception {
    Node a = start(aCreds, A_META, Policy.defaults(), List.of(), aMetrics);
    Node b = start(pki.node("blue", "b"), Metadata.NONE, Policy.defaults(), List.of(a.address()), bMetrics);
    SimpleMeterRegistry rMetrics = new SimpleMeterRegistry();
    Node r = start(pki.node("red", "r"), Metadata.NONE, Policy.defaults(), List.of(a.address()), rMetrics);

    Await.until(WAIT, "b to hold a's metadata", () -> Map.of("zone", "eu-1", "region", "eu").equals(metadataAt(b, a)),
        () -> b.view().members().toString());
    // r joins through a, which answers with nothing of blue (and r, whose core knows a may not see it,
    // sends nothing of itself).
    Await.until(WAIT, "r to hear from a", () -> rMetrics.get("hearsay.transport.frames").tag("direction", "in").counter().count() >= 1,
        () -> r.view().members().toString());

    // A red node that pushes its own entry into blue anyway is refused and counted.
    WireClient pusher = client(pki.node("red", "pusher"), a);
    pusher.send(new dev.hearsay.overlay.core.Gossip(List.of(CertificateForms.ownAlive(pusher.credentials, "127.0.0.1:9")), false));
    Await.until(WAIT, "a to refuse the red entry", () -> counted(aMetrics, "denied_cross_tenant") >= 1, () -> "rejections " + a.health());
    assertNull(a.view().member(pusher.credentials.identity().uri()));

    // A rogue node of the other tenant asks a directly for a's entry and metadata, then pings it:
    // the ack comes back, an answer to the pull never does, and nothing on the way names blue.
    WireClient rogue = client(pki.node("red", "rogue"), a);
    MemberId aId = MemberId.parse(a.identity().uri());
    rogue.send(new MemberPull(aId));
    rogue.send(new Ping(7, aId, List.of()));
    List<Message> before = rogue.receivedBefore(Ack.class, WAIT);
    for (Message m : before) {
      assertFalse(m instanceof MemberPush, "a answered another tenant's pull: " + m);
      for (Claim c : dev.hearsay.overlay.core.Messages.claimsOf(m)) {
        assertFalse(c.subject().tenant().equals("blue"), "a told red about " + c.subject() + " in " + m);
      }
    }
    for (Node n : List.of(a, b)) {
      assertNull(n.view().member(r.identity().uri()), n.identity() + " holds red's r");
    }
    assertNull(r.view().member(a.identity().uri()), "r holds blue's a");
    assertNull(r.view().member(b.identity().uri()), "r holds blue's b");
  }

  @Test
  void anotherTenantAsksForPrivateMetadataAndGetsOnlyTheSharedClass() throws Exception {
    Policy policy = PolicyLoader.parse(BLUE_SHARED, "test policy");
    Node a = start(aCreds, A_META, policy, List.of(), new SimpleMeterRegistry());

    WireClient rogue = client(pki.node("red", "rogue"), a);
    rogue.send(new MemberPull(MemberId.parse(a.identity().uri())));
    MemberPush answer = rogue.await(MemberPush.class, WAIT);

    assertEquals(1, answer.meta().size());
    assertTrue(answer.meta().get(0).shared());
    assertEquals(Map.of("region", "eu"), answer.meta().get(0).entries());
  }

  /** a's genuine ALIVE and metadata claims, as any member of its tenant can ask for them. */
  private MemberPush genuine(WireClient asker, Node a) throws Exception {
    asker.send(new MemberPull(MemberId.parse(a.identity().uri())));
    MemberPush push = asker.await(MemberPush.class, WAIT);
    assertEquals(2, push.meta().size());
    return push;
  }

  @Test
  void metadataSignedByAnotherNodeOrAlteredInTransitIsRefusedAndCounted() throws Exception {
    Node a = start(aCreds, A_META, Policy.defaults(), List.of(), new SimpleMeterRegistry());
    Node b = start(pki.node("blue", "b"), Metadata.NONE, Policy.defaults(), List.of(a.address()), bMetrics);
    Await.until(WAIT, "b to hold a's metadata", () -> Map.of("zone", "eu-1", "region", "eu").equals(metadataAt(b, a)),
        () -> b.view().members().toString());
    Credentials mallory = pki.node("blue", "mallory");
    WireClient m = client(mallory, a);
    MemberPush real = genuine(m, a);
    Meta realPrivate = real.meta().get(0).shared() ? real.meta().get(1) : real.meta().get(0);
    WireClient toB = client(mallory, b);

    // Signed by mallory, at a higher version, about a.
    Meta unsigned = new Meta(realPrivate.subject(), realPrivate.version() + 1, false, Map.of("zone", "mallory-land"), new byte[0]);
    Meta forged = CertificateForms.signedWithCertificate(mallory, unsigned);
    toB.send(new MemberPush(real.alive(), List.of(forged)));
    Await.until(WAIT, "b to refuse the forged metadata", () -> rejections("signer_mismatch") >= 1,
        () -> "rejections " + b.health());

    // a's own claim with one entry changed, its signature kept.
    TreeMap<String, String> changed = new TreeMap<>(realPrivate.entries());
    changed.put("zone", "eu-9");
    toB.send(new MemberPush(real.alive(), List.of(new Meta(realPrivate.subject(), realPrivate.version(), false, changed, realPrivate.proof()))));
    Await.until(WAIT, "b to refuse the altered metadata", () -> rejections("bad_signature") >= 1,
        () -> "rejections " + b.health());

    assertEquals(Map.of("zone", "eu-1", "region", "eu"), metadataAt(b, a));
  }

  @Test
  void aNodeOfAnotherTenantCannotWriteMetadataOfThisTenant() throws Exception {
    Node a = start(aCreds, A_META, Policy.defaults(), List.of(), new SimpleMeterRegistry());
    Node b = start(pki.node("blue", "b"), Metadata.NONE, Policy.defaults(), List.of(a.address()), bMetrics);
    Await.until(WAIT, "b to hold a's metadata", () -> Map.of("zone", "eu-1", "region", "eu").equals(metadataAt(b, a)),
        () -> b.view().members().toString());
    WireClient blueAsker = client(pki.node("blue", "asker"), a);
    MemberPush real = genuine(blueAsker, a);
    Credentials red = pki.node("red", "writer");
    Meta unsigned = new Meta(real.alive().subject(), real.alive().metaVersion() + 1, true, Map.of("region", "red-says"), new byte[0]);
    Meta forged = CertificateForms.signedWithCertificate(red, unsigned);

    client(red, b).send(new MemberPush(real.alive(), List.of(forged)));
    Await.until(WAIT, "b to refuse red's write", () -> rejections("signer_mismatch") >= 1, () -> "rejections " + b.health());

    assertEquals(Map.of("zone", "eu-1", "region", "eu"), metadataAt(b, a));
    assertEquals(Map.of("zone", "eu-1", "region", "eu"), metadataAt(a, a));
  }

  @Test
  void aClaimWhoseCertificateANodeLacksIsPulledFromTheRelay() throws Exception {
    Node n = start(pki.node("blue", "n"), Metadata.NONE, Policy.defaults(), List.of(), bMetrics);
    Node a = start(aCreds, A_META, Policy.defaults(), List.of(), new SimpleMeterRegistry());
    WireClient relay = client(pki.node("blue", "relay"), a);
    MemberPush real = genuine(relay, a);
    Alive withCertificate = real.alive();
    Alive byFingerprint = CertificateForms.byFingerprint(withCertificate);
    assertTrue(byFingerprint.proof().length < withCertificate.proof().length - 200, "the certificate was not removed");

    WireClient toN = client(pki.node("blue", "relay"), n);
    toN.send(new dev.hearsay.overlay.core.Gossip(List.of(byFingerprint), false));
    MemberPull pull = toN.await(MemberPull.class, WAIT);
    assertEquals(a.identity().uri(), pull.subject().uri());
    assertEquals(1.0, rejections("unknown_signer_certificate"));
    assertFalse(n.view().statusOf(a.identity().uri()) == Status.ALIVE, "n took a claim it could not verify");
    // The relay may have been sent the certificate in a frame that was lost: naming it costs no score.
    @SuppressWarnings("unchecked")
    Map<String, Object> refused = (Map<String, Object>) n.health().get("rejections");
    assertFalse(((Map<?, ?>) refused.get("guard")).containsKey("invalid_claim"),
        "a claim naming a certificate n lacks cost the relay score: " + refused);

    toN.send(new MemberPush(withCertificate, List.of()));
    Await.until(WAIT, "n to take a's ALIVE once the certificate came", () -> n.view().statusOf(a.identity().uri()) == Status.ALIVE,
        () -> n.view().members().toString());
  }
}
