package dev.hearsay.chaos.adversary;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.MemberPull;
import dev.hearsay.overlay.core.MemberPush;
import dev.hearsay.overlay.node.Addresses;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** What every attack needs: the adversary's own certificate, the node it attacks, and whether it joins first. */
final class AttackOptions {
  /** How long the adversary waits for the target to take its ALIVE, or to answer a pull. */
  static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);

  @Option(names = "--cert-dir", required = true, description = "The adversary's cert.pem, key.pem and ca.pem: a valid member's.")
  Path certDir;

  @Option(names = "--target", required = true, description = "The attacked node's gossip address, host:port.")
  String target;

  @Option(names = "--target-id", required = true, description = "The attacked node's identity (spiffe URI), checked in the handshake.")
  String targetId;

  @Option(names = "--listen", description = "host:port to listen on and advertise in its own ALIVE (default: none).")
  String listen;

  @Option(names = "--join", description = "Join through the target with its own honest ALIVE first, and wait until the target lists it.")
  boolean join;

  InetSocketAddress targetAddress() {
    return Addresses.parse(target);
  }

  NodeIdentity targetIdentity() {
    return NodeIdentity.parse(targetId);
  }

  /** The adversary with its certificate loaded, listening when asked to. */
  Adversary open() throws Exception {
    Adversary a = new Adversary(Credentials.load(certDir));
    try {
      if (listen != null) {
        a.listen(Addresses.parse(listen));
      }
      return a;
    } catch (Exception | Error e) {
      a.close();
      throw e;
    }
  }

  Channel connect(Adversary a) throws Exception {
    return a.connect(targetAddress(), targetIdentity());
  }

  /**
   * Joins when asked to: sends its ALIVE and pulls its own entry back until the target has it. The
   * incarnation is the wall clock's milliseconds, so each run supersedes the last one's ALIVE.
   */
  void joinIfAsked(Adversary a, Channel ch) throws Exception {
    if (join) {
      join(a, ch, target);
    }
  }

  /** Sends its ALIVE over {@code ch} to the node at {@code where} and pulls its own entry back until that node has it. */
  static void join(Adversary a, Channel ch, String where) throws Exception {
    long incarnation = System.currentTimeMillis();
    MemberId self = MemberId.parse(a.identity().uri());
    a.send(ch, Adversary.gossip(a.selfAlive(incarnation)));
    long end = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
    while (true) {
      a.forget();
      a.send(ch, new MemberPull(self));
      try {
        a.await(MemberPush.class, p -> p.alive().subject().equals(self) && p.alive().incarnation() >= incarnation,
            Duration.ofMillis(500));
        return;
      } catch (IllegalStateException notYet) {
        if (System.nanoTime() - end > 0 || !ch.isActive()) {
          throw new IllegalStateException(where + " did not take the adversary's ALIVE within " + ANSWER_TIMEOUT);
        }
      }
    }
  }
}
