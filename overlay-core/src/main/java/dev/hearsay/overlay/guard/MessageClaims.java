package dev.hearsay.overlay.guard;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.overlay.core.Ack;
import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.core.Ping;
import dev.hearsay.overlay.core.PingReq;
import dev.hearsay.overlay.core.PushPullSyn;
import dev.hearsay.overlay.core.Suspect;
import java.util.List;

/** A probe stripped of its claims, and which claims are accusations signed by the sending peer. */
final class MessageClaims {
  private MessageClaims() {}

  /**
   * A probe or a SYN without its claims, or null for a message that is only claims. Over a claim
   * budget the guard still lets probes through: dropping a ping or an ack would make an honest but
   * busy peer look unreachable, while its gossip can be lost without harm. A SYN (already charged
   * to the join budget when it is a join) still gets its answer.
   */
  static Message withoutClaims(Message m) {
    if (m instanceof Ping p) {
      return new Ping(p.seq(), p.target(), List.of());
    } else if (m instanceof PingReq p) {
      return new PingReq(p.seq(), p.target(), p.targetAddress(), List.of());
    } else if (m instanceof Ack a) {
      return new Ack(a.seq(), a.target(), List.of());
    } else if (m instanceof PushPullSyn s) {
      return new PushPullSyn(s.digest(), s.join()); // the joiner's ALIVE still reaches us in its ACK2
    }
    return null;
  }

  /**
   * Keys (subject, incarnation) of the SUSPECT claims among {@code claims} whose accuser is
   * {@code peer}: the accusations this peer makes itself, as opposed to ones it relays.
   */
  static long[] accusationsBy(NodeIdentity peer, List<Claim> claims) {
    int n = 0;
    long[] keys = null;
    for (Claim c : claims) {
      if (c instanceof Suspect s && s.accuser().uri().equals(peer.uri())) {
        if (keys == null) {
          keys = new long[claims.size()];
        }
        keys[n++] = 31L * s.subject().uri().hashCode() + s.incarnation() * 0x9E3779B97F4A7C15L;
      }
    }
    return keys == null ? new long[0] : java.util.Arrays.copyOf(keys, n);
  }
}
