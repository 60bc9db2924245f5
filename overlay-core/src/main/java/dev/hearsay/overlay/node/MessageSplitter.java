package dev.hearsay.overlay.node;

import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.Gossip;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.core.Messages;
import dev.hearsay.overlay.core.PushPullAck;
import dev.hearsay.overlay.core.PushPullAck2;
import dev.hearsay.overlay.wire.WireLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every frame under the transport's size limit. Anti-entropy answers can hold a large part of
 * the view (a join answer holds all of it, and ALIVE claims carry certificates), so a message whose
 * claims do not fit one frame is sent as several of the same type: the first keeps the message's
 * own fields (for a push-pull ACK, the bucket mask that asks for the peer's entries); the rest carry
 * claims only (an ACK with an empty mask, an ACK2, a one-way GOSSIP). They stay answers, so the
 * receiver merges them as anti-entropy (a joiner does not gossip the whole view on) and its guard
 * admits them as the answer it asked for. ALIVE claims go first: they carry the certificates that the
 * accusations and deaths in later parts are signed with.
 */
final class MessageSplitter {
  /** Room left in a frame for the envelope (version, type, sender URI) and the message's own fields. */
  static final int ENVELOPE_ALLOWANCE = 1024;

  private MessageSplitter() {}

  static List<Message> split(Message m, int maxFrameBytes) {
    int budget = maxFrameBytes - ENVELOPE_ALLOWANCE;
    List<Claim> claims = claimsOf(m);
    if (claims == null || (m.estimatedBytes() <= budget && claims.size() <= WireLimits.MAX_CLAIMS_PER_MESSAGE)) {
      return List.of(m);
    }
    List<Claim> alivesFirst = new ArrayList<>(claims.size());
    claims.stream().filter(c -> c instanceof Alive).forEach(alivesFirst::add);
    claims.stream().filter(c -> !(c instanceof Alive)).forEach(alivesFirst::add);
    List<List<Claim>> chunks = chunk(alivesFirst, budget);
    List<Message> out = new ArrayList<>(chunks.size());
    out.add(Messages.withClaims(m, chunks.get(0)));
    for (int i = 1; i < chunks.size(); i++) {
      out.add(rest(m, chunks.get(i)));
    }
    return out;
  }

  /** A later part of {@code m}: its type, none of its own fields. */
  private static Message rest(Message m, List<Claim> claims) {
    if (m instanceof PushPullAck) {
      return new PushPullAck(0, claims);
    } else if (m instanceof PushPullAck2) {
      return new PushPullAck2(claims);
    }
    return new Gossip(claims, false);
  }

  private static List<List<Claim>> chunk(List<Claim> claims, int budget) {
    List<List<Claim>> chunks = new ArrayList<>();
    List<Claim> current = new ArrayList<>();
    int bytes = 0;
    for (Claim c : claims) {
      int size = c.estimatedBytes();
      if (!current.isEmpty() && (bytes + size > budget || current.size() == WireLimits.MAX_CLAIMS_PER_MESSAGE)) {
        chunks.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(c); // a single claim larger than the budget still travels alone; the encoder bounds it
      bytes += size;
    }
    chunks.add(current);
    return chunks;
  }

  private static List<Claim> claimsOf(Message m) {
    if (m instanceof PushPullAck || m instanceof PushPullAck2 || m instanceof Gossip) {
      return Messages.claimsOf(m);
    }
    return null; // probes carry piggyback the core already keeps within its byte budget
  }
}
