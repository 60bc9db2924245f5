package dev.hearsay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.PeerCertificateValidator;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.registry.client.RegistryClient;
import dev.hearsay.registry.client.RevocationPage;
import dev.hearsay.registry.log.ChainVerification;
import dev.hearsay.registry.log.ChainVerifier;
import dev.hearsay.registry.log.HeadVerifier;
import dev.hearsay.registry.log.RevocationEntry;
import dev.hearsay.registry.log.RevocationTarget;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a {@code ./hearsay registry run} process in the middle of a stream of publishes
 * loses no acknowledged revocation: after a restart on the same data directory, every publish that
 * was answered is in the log, and the log still verifies as one chain up to a signed head.
 */
class RegistryKillIT {
  private static final int PUBLISHES_BEFORE_KILL = 40;
  private static final int PUBLISHERS = 4;

  @TempDir Path dir;
  private Launcher launcher;

  @BeforeEach
  void launcher() {
    launcher = new Launcher(dir);
  }

  @AfterEach
  void stop() throws InterruptedException {
    launcher.close();
  }

  @Test
  void noAcknowledgedRevocationIsLostToAKill9() throws Exception {
    Path ca = dir.resolve("ca");
    assertEquals(0, Cli.run("ca", "init", "--domain", "mesh.example.org", "--out", ca.toString()).exitCode());
    assertEquals(0, Cli.run("cert", "issue", "--ca", ca.toString(), "--registry", "r1", "--out", dir.resolve("registry").toString()).exitCode());
    assertEquals(0, Cli.run("cert", "issue", "--ca", ca.toString(), "--operator", "ops", "--out", dir.resolve("ops").toString()).exitCode());
    int port = Launcher.freePorts(1)[0];
    URI uri = URI.create("https://127.0.0.1:" + port);
    Credentials operator = Credentials.load(dir.resolve("ops"));

    Process registry = startRegistry(port, "first.log");
    Set<String> acknowledged = new HashSet<>();
    java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
    try (RegistryClient client = RegistryClient.create(uri, operator)) {
      // Four publishers keep several publishes in flight; the kill lands among them.
      List<Thread> publishers = new ArrayList<>();
      for (int t = 0; t < PUBLISHERS; t++) {
        Thread publisher = new Thread(() -> {
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
          while (registry.isAlive() && System.nanoTime() < deadline) {
            String serial = Long.toHexString(0x1000_0000L + attempts.getAndIncrement());
            try {
              client.publish(RevocationTarget.serial(serial), "stream");
              synchronized (acknowledged) {
                acknowledged.add(serial);
              }
            } catch (Exception e) {
              // not acknowledged: the registry died mid-request
            }
          }
        }, "publisher-" + t);
        publisher.start();
        publishers.add(publisher);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (acknowledgedCount(acknowledged) < PUBLISHES_BEFORE_KILL && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(5);
      }
      registry.destroyForcibly(); // SIGKILL, with publishes in flight
      for (Thread publisher : publishers) {
        publisher.join(TimeUnit.SECONDS.toMillis(30));
      }
    }
    int attempted = attempts.get();
    assertTrue(registry.waitFor(10, TimeUnit.SECONDS), "the registry survived kill -9");
    assertTrue(acknowledged.size() >= PUBLISHES_BEFORE_KILL, "only " + acknowledged.size() + " publishes acknowledged");

    startRegistry(port, "second.log");
    List<RevocationEntry> entries;
    RevocationPage page;
    try (RegistryClient client = RegistryClient.create(uri, operator)) {
      page = client.catchUp(0, 100_000);
      entries = page.entries();
    }
    Set<String> logged = new HashSet<>();
    for (RevocationEntry e : entries) {
      logged.add(e.target().value());
    }
    Set<String> lost = new HashSet<>(acknowledged);
    lost.removeAll(logged);
    System.out.printf("registry kill -9: %d publishes attempted, %d acknowledged, %d in the log after restart, %d lost%n",
        attempted, acknowledged.size(), entries.size(), lost.size());
    assertTrue(lost.isEmpty(), "acknowledged but lost: " + lost);

    Credentials registryCreds = Credentials.load(dir.resolve("registry"));
    PeerCertificateValidator validator = new PeerCertificateValidator(
        registryCreds.trustBundle(), "mesh.example.org", Clock.systemUTC(), RevocationCheck.NONE);
    var verdict = new ChainVerifier(new HeadVerifier(validator)).verify(null, entries, page.head());
    assertEquals(ChainVerification.Outcome.ACCEPTED, verdict.outcome(), "the recovered log does not verify: " + verdict);
  }

  private static int acknowledgedCount(Set<String> acknowledged) {
    synchronized (acknowledged) {
      return acknowledged.size();
    }
  }

  private Process startRegistry(int port, String logName) throws Exception {
    Path log = dir.resolve(logName);
    Process p = launcher.start(List.of("registry", "run", "--cert-dir", dir.resolve("registry").toString(),
        "--bind", "127.0.0.1:" + port, "--data-dir", dir.resolve("registry-data").toString()), log);
    Launcher.awaitOutput(p, log, "serving on", Duration.ofSeconds(60));
    return p;
  }
}
