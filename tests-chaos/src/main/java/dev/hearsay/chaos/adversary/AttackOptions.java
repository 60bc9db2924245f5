package dev.hearsay.chaos.adversary;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.node.Addresses;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What every attack needs: the adversary's own certificate, the node it attacks, and whether it joins first. */
final class AttackOptions {
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
   * A connection to the target over which the adversary has joined: it sends its ALIVE and pulls its
   * own entry back until the target has it. The incarnation is the wall clock's milliseconds, so each
   * run supersedes the last one's ALIVE.
   */
  Channel joinedConnection(Adversary a) throws Exception {
    Channel ch = connect(a);
    join(a, ch, target);
    return ch;
  }

  /** Sends its ALIVE over {@code ch} to the node at {@code where} and waits until that node lists it. */
  static void join(Adversary a, Channel ch, String where) throws Exception {
    long incarnation = System.currentTimeMillis();
    MemberId self = MemberId.parse(a.identity().uri());
    a.send(ch, Adversary.gossip(a.selfAlive(incarnation)));
    MemberPulls.pullUntil(a, ch, self, p -> p.alive().incarnation() >= incarnation, where + " taking the adversary's ALIVE");
  }
}
