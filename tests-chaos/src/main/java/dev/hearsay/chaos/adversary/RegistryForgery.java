package dev.hearsay.chaos.adversary;

import dev.hearsay.overlay.core.RegistryHead;
import dev.hearsay.overlay.core.RevocationEntries;
import dev.hearsay.registry.client.RegistryClient;
import dev.hearsay.registry.client.RevocationPage;
import dev.hearsay.registry.log.RevocationEntry;
import dev.hearsay.registry.log.SignedHead;
import io.netty.channel.Channel;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Registry gossip an insider can forge. It records the registry's head, waits until the registry has
 * moved on to {@code --until}, offers the target the recorded (older) head (a node further on answers
 * with its own head, which tells the insider where the node stands), and then either a chain from
 * there with its first entry removed under the registry's genuine head ({@code stale}), or the
 * genuine entries under a head it signed itself ({@code self-signed}). A node quarantines a sender
 * whose offer it refused, so each forgery is meant for an identity of its own.
 */
@Command(name = "registry-forgery", description = "An older registry head and a chain with an entry removed, or a self-signed head.")
final class RegistryForgery extends Attack {
  /** Which forgery to offer. */
  enum Forgery {
    /** The older head, then the entries since the node's position with the first removed. */
    STALE,
    /** The entries since the node's position under a head the adversary signed itself. */
    SELF_SIGNED
  }

  @Option(names = "--registry", required = true, description = "The registry's address, https://host:port.")
  URI registry;

  @Option(names = "--forge", required = true, description = "${COMPLETION-CANDIDATES}.")
  Forgery forge;

  @Option(names = "--until", required = true, description = "The registry position to wait for (at least 2 past the recorded one).")
  long until;

  @Option(names = "--wait", defaultValue = "60s", description = "How long to wait for the registry to get there (default: ${DEFAULT-VALUE}).")
  Duration wait;

  @Override
  Report run(Adversary a) throws Exception {
    try (RegistryClient client = RegistryClient.create(registry, a.credentials())) {
      SignedHead older = client.head();
      long recorded = older.position().sequence();
      if (until < recorded + 2) {
        throw new IllegalArgumentException("--until " + until + " is not 2 past the registry's position " + recorded);
      }
      new Report("registry-forgery").put("recorded_head", recorded).print();
      SignedHead newer = awaitPosition(client, until);
      Channel ch = joined != null ? joined : options.connect(a);
      a.forget();
      a.send(ch, new RegistryHead(older));
      long theirs = positionOf(a, recorded);
      RevocationPage page = client.since(theirs);
      List<RevocationEntry> entries = page.entries();
      if (entries.size() < 2) {
        throw new IllegalStateException("the node is at " + theirs + " and the registry at " + newer.position().sequence()
            + ": no entry to leave out");
      }
      Report report = new Report("registry-forgery").put("forge", forge.name()).put("older_head", recorded)
          .put("node_position", theirs).put("genuine_head", page.head().sequence());
      if (forge == Forgery.STALE) {
        a.send(ch, new RevocationEntries(List.of(), older));
        a.send(ch, new RevocationEntries(entries.subList(1, entries.size()), page.head()));
        return report.put("removed_entry", entries.get(0).sequence());
      }
      a.send(ch, new RevocationEntries(entries, a.headSignedByItself(page.head().position(), Instant.now())));
      return report.put("self_signed_entries", entries.size());
    }
  }

  /** The node's position, from its answer to the older head; the recorded one if it does not answer. */
  private static long positionOf(Adversary a, long recorded) throws InterruptedException {
    try {
      return a.await(RevocationEntries.class, e -> true, Duration.ofSeconds(5)).head().sequence();
    } catch (IllegalStateException noAnswer) {
      return recorded;
    }
  }

  private SignedHead awaitPosition(RegistryClient client, long sequence) throws Exception {
    long end = System.nanoTime() + wait.toNanos();
    while (true) {
      SignedHead h = client.head();
      if (h.position().sequence() >= sequence) {
        return h;
      }
      if (System.nanoTime() - end > 0) {
        throw new IllegalStateException("the registry stayed at " + h.position().sequence() + ", short of " + sequence + ", for " + wait);
      }
      TimeUnit.MILLISECONDS.sleep(200); // the polling period
    }
  }
}
