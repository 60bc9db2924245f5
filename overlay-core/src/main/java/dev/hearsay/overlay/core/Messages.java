package dev.hearsay.overlay.core;

import java.util.List;

/** The membership claims a message carries, and the same message with other claims in their place. */
public final class Messages {
  private Messages() {}

  /** The claims of {@code m}: piggybacked, gossiped, exchanged, announced with a join, or the ALIVE of a member push. */
  public static List<Claim> claimsOf(Message m) {
    if (m instanceof Ping p) {
      return p.piggyback();
    } else if (m instanceof PingReq p) {
      return p.piggyback();
    } else if (m instanceof Ack a) {
      return a.piggyback();
    } else if (m instanceof Gossip g) {
      return g.claims();
    } else if (m instanceof PushPullAck a) {
      return a.claims();
    } else if (m instanceof PushPullAck2 a) {
      return a.claims();
    } else if (m instanceof MemberPush p) {
      return List.of(p.alive());
    } else if (m instanceof PushPullSyn s) {
      return s.claims();
    }
    return List.of(); // Nack and Pull carry no claims
  }

  /**
   * {@code m} carrying {@code claims} instead of its own; {@code m} itself when it carries none. A member
   * push needs exactly one ALIVE in its place.
   */
  public static Message withClaims(Message m, List<Claim> claims) {
    if (m instanceof Ping p) {
      return new Ping(p.seq(), p.target(), claims);
    } else if (m instanceof PingReq p) {
      return new PingReq(p.seq(), p.target(), p.targetAddress(), claims);
    } else if (m instanceof Ack a) {
      return new Ack(a.seq(), a.target(), claims);
    } else if (m instanceof Gossip g) {
      return new Gossip(claims, g.replyWanted());
    } else if (m instanceof PushPullAck a) {
      return new PushPullAck(a.bucketMask(), claims);
    } else if (m instanceof PushPullAck2) {
      return new PushPullAck2(claims);
    } else if (m instanceof PushPullSyn s) {
      return new PushPullSyn(s.digest(), s.join(), claims);
    } else if (m instanceof MemberPush p) {
      if (claims.size() != 1 || !(claims.get(0) instanceof Alive alive)) {
        throw new IllegalArgumentException("a member push carries exactly one ALIVE");
      }
      return new MemberPush(alive, p.meta());
    }
    return m;
  }
}
