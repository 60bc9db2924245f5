package dev.hearsay.overlay.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.IssueRequest;
import dev.hearsay.crypto.KeyMaterial;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.registry.log.ChainHash;
import dev.hearsay.registry.log.ChainVerification;
import dev.hearsay.registry.log.LogPosition;
import dev.hearsay.registry.log.RevocationEntry;
import dev.hearsay.registry.log.RevocationTarget;
import dev.hearsay.registry.log.SignedHead;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a node accepts, whoever offers it: only entries that extend its verified chain up to a head
 * signed by a registry of its overlay. A head signed by a node key, an older head, a chain with an
 * entry left out or altered change nothing; what was accepted survives a restart.
 */
class NodeRevocationTest {
  @TempDir Path dataDir;
  private final TestPki pki = new TestPki();
  private final KeyMaterial registryKey = pki.ca.issueWithNewKey(IssueRequest.of(NodeIdentity.registry(TestPki.DOMAIN, "r1")));
  private final NodeIdentity operator = NodeIdentity.operator(TestPki.DOMAIN, "alice");
  private final Credentials self = pki.node("blue", "self");
  private final List<RevocationEntry> chain = new ArrayList<>();
  private final List<NodeRevocation> open = new ArrayList<>();

  @BeforeEach
  void buildChain() {
    ChainHash previous = ChainHash.GENESIS;
    for (int i = 1; i <= 3; i++) {
      RevocationEntry e = RevocationEntry.create(i, RevocationTarget.identity(NodeIdentity.node(TestPki.DOMAIN, "blue", "bad" + i)),
          "reason " + i, pki.clock.instant(), operator, previous);
      chain.add(e);
      previous = e.hash();
    }
  }

  @AfterEach
  void close() {
    open.forEach(NodeRevocation::close);
  }

  private NodeRevocation openNode() throws IOException {
    // Nothing listens on port 1: the follower fails fast and backs off; the tests offer by hand.
    RegistrySettings settings = RegistrySettings.of(URI.create("https://127.0.0.1:1"))
        .withStartupTimeout(Duration.ofSeconds(2)).withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(5)).withClock(pki.clock);
    NodeRevocation r = NodeRevocation.open(settings, self, dataDir, new SimpleMeterRegistry());
    open.add(r);
    return r;
  }

  private SignedHead head(int sequence) {
    return SignedHead.sign(position(sequence), pki.clock.instant(), registryKey);
  }

  private LogPosition position(int sequence) {
    return sequence == 0 ? LogPosition.GENESIS : LogPosition.of(chain.get(sequence - 1));
  }

  /** A head with the registry's payload, signed by a node's key and carrying the node's certificate. */
  private SignedHead signedByANode(int sequence) {
    return ForgedHeads.signedBy(self.keyMaterial(), position(sequence), pki.clock.instant(), TestPki.DOMAIN);
  }

  @Test
  void onlyARegistrySignedChainThatExtendsTheVerifiedOneIsAccepted() throws Exception {
    NodeRevocation node = openNode();

    ChainVerification forged = node.offer(chain, signedByANode(3));
    assertEquals(ChainVerification.Reason.UNTRUSTED_HEAD, forged.reason(), forged::toString);
    assertEquals(0, node.revocations().size());

    ChainVerification gap = node.offer(List.of(chain.get(0), chain.get(2)), head(3));
    assertEquals(ChainVerification.Reason.MISSING_ENTRIES, gap.reason(), gap::toString);
    assertEquals(0, node.revocations().size());

    ChainVerification accepted = node.offer(chain.subList(0, 2), head(2));
    assertTrue(accepted.accepted(), accepted::toString);
    assertEquals(2, node.revocations().size());

    ChainVerification older = node.offer(chain.subList(0, 1), head(1));
    assertEquals(ChainVerification.Outcome.IGNORED, older.outcome(), older::toString);
    assertEquals(2, node.head().sequence());

    RevocationEntry third = chain.get(2);
    RevocationEntry altered = RevocationEntry.withClaimedHash(third.sequence(), RevocationTarget.identity(self.identity()), third.reason(),
        third.time(), third.operator(), third.prevHash(), third.hash());
    ChainVerification broken = node.offer(List.of(altered), head(3));
    assertEquals(ChainVerification.Reason.BROKEN_CHAIN, broken.reason(), broken::toString);
    assertTrue(node.revocations().entryFor(RevocationTarget.identity(self.identity())).isEmpty());

    assertTrue(node.offer(List.of(third), head(3)).accepted());
    assertEquals(3, node.revocations().size());
  }

  @Test
  void thePersistedCopyStillLoadsAfterTheRegistryCertificateThatSignedItsHeadExpired() throws Exception {
    KeyMaterial shortLived = pki.ca.issueWithNewKey(
        new IssueRequest(NodeIdentity.registry(TestPki.DOMAIN, "r1"), Duration.ofHours(1), List.of(), List.of()));
    NodeRevocation first = openNode();
    assertTrue(first.offer(chain, SignedHead.sign(position(3), pki.clock.instant(), shortLived)).accepted());
    first.close();
    open.remove(first);

    pki.clock.advance(Duration.ofHours(2));
    NodeRevocation restarted = openNode();
    assertEquals(3, restarted.revocations().size());
    assertTrue(restarted.stale(), "a two-hour-old head is stale");
  }

  @Test
  void whatWasAcceptedSurvivesARestartAndADamagedCopyIsRefused() throws Exception {
    NodeRevocation first = openNode();
    assertTrue(first.offer(chain, head(3)).accepted());
    first.close();
    open.remove(first);

    NodeRevocation restarted = openNode();
    assertEquals(3, restarted.revocations().size());
    assertEquals(3, restarted.head().sequence());
    assertEquals(3, restarted.health().get("revocations"));
    restarted.close();
    open.remove(restarted);

    Path file = dataDir.resolve(VerifiedLogFile.FILE_NAME);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 1;
    Files.write(file, bytes);
    IOException e = assertThrows(IOException.class, this::openNode);
    assertTrue(e.getMessage().contains(VerifiedLogFile.FILE_NAME), e.getMessage());
  }
}
