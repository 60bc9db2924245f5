package dev.hearsay.overlay.core;

import java.util.List;

/**
 * A protocol message between two members. The sender's identity is not in the message: it comes from the
 * authenticated channel and is passed to {@link MembershipCore#onMessage} next to it. The registry's
 * messages ({@link RegistryHead}, {@link RevocationPull}, {@link RevocationEntries}) never reach the
 * core: the node hands them to registry gossip.
 */
public sealed interface Message
    permits Ping, PingReq, Ack, Nack, Gossip, PushPullSyn, PushPullAck, PushPullAck2, MemberPull, MemberPush,
        RegistryHead, RevocationPull, RevocationEntries {

  /** Length prefix, type tag and the TLS record overhead (header and AEAD tag) a frame pays on the wire. */
  int FRAME_BYTES = 4 + 1 + 5 + 16;

  /** Estimated bytes on the wire, claims and signatures included. */
  int estimatedBytes();

  /** Sum of the estimated sizes of {@code claims} plus a count prefix. */
  static int claimsBytes(List<Claim> claims) {
    int bytes = 2;
    for (Claim c : claims) {
      bytes += c.estimatedBytes();
    }
    return bytes;
  }
}
