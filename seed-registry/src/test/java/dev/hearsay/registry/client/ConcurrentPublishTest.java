package dev.hearsay.registry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.registry.log.ChainVerification;
import dev.hearsay.registry.log.RevocationEntry;
import dev.hearsay.registry.log.RevocationTarget;
import dev.hearsay.registry.server.RegistryLimits;
import dev.hearsay.registry.store.FileRevocationStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishes racing from several operators: every acknowledged entry is in one valid chain, on disk. */
class ConcurrentPublishTest {
  @TempDir Path dataDir;

  @Test
  void everyAcknowledgedPublishIsInTheChainAfterReopen() throws Exception {
    List<PublishResult> acknowledged = new ArrayList<>();
    try (RegistryFixture fx = new RegistryFixture(dataDir)) {
      fx.start(RegistryLimits.DEFAULTS.withRate(1000, 10_000));
      List<CompletableFuture<PublishResult>> inFlight = new ArrayList<>();
      for (int op = 0; op < 4; op++) {
        RegistryClient client = fx.client(fx.credentials(NodeIdentity.operator(TestPki.DOMAIN, "op" + op)));
        for (int i = 0; i < 10; i++) {
          // Two operators revoke each target: the second gets the first one's entry.
          String name = "n" + ((op / 2) * 10 + i);
          inFlight.add(client.publishAsync(RevocationTarget.identity(NodeIdentity.node(TestPki.DOMAIN, "red", name)), "op" + op));
        }
      }
      for (CompletableFuture<PublishResult> f : inFlight) {
        acknowledged.add(f.get(30, TimeUnit.SECONDS));
      }
      RevocationPage all = fx.client(fx.member).catchUp(0, 1000);
      ChainVerification v = fx.chainVerifier().verify(null, all.entries(), all.head());
      assertTrue(v.accepted(), v.toString());
      assertEquals(20, all.entries().size(), "20 distinct targets, each once");
    }
    try (FileRevocationStore reopened = FileRevocationStore.open(dataDir, java.time.Clock.systemUTC())) {
      assertTrue(!reopened.recovery().truncated());
      List<RevocationEntry> onDisk = reopened.entriesAfter(0, 1000);
      Set<RevocationEntry> distinct = new HashSet<>();
      for (PublishResult r : acknowledged) {
        distinct.add(r.entry());
        assertEquals(r.entry(), onDisk.get((int) r.entry().sequence() - 1), "acknowledged entry is on disk as acknowledged");
      }
      assertEquals(20, distinct.size());
      assertEquals(20, acknowledged.stream().filter(PublishResult::created).count(), "exactly one publish per target created it");
    }
  }
}
