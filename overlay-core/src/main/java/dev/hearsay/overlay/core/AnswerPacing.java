package dev.hearsay.overlay.core;

import java.util.HashMap;
import java.util.Map;

/**
 * How often an answer to one peer may carry claims. Answers (the ACK to a ping, the reply to a gossip
 * push, the ping sent for a ping-req) go out as fast as a peer asks, and every claim they carry spends
 * one of that claim's retransmits. Unpaced, a member pinging within its frame budget would take every
 * fresh claim's retransmits for itself, and the rest of the cluster would learn them only by
 * anti-entropy; it would also make this node encode a full message per ping. An honest peer pings about
 * once per probe interval and pushes once per gossip interval, so a pace of half a gossip interval
 * never holds back its answers, whatever the jitter of its timers.
 */
final class AnswerPacing {
  /** Peers remembered at once; past it, peers not yet remembered get answers without claims. */
  static final int MAX_PEERS = 4096;

  private final long interval;
  private final Map<MemberId, Long> lastCarried = new HashMap<>();

  AnswerPacing(long interval) {
    if (interval <= 0) {
      throw new IllegalArgumentException("the answer pace must be positive");
    }
    this.interval = interval;
  }

  /** Whether an answer to {@code peer} at {@code now} may carry claims; if so, the peer's pace starts again. */
  boolean mayCarryClaims(long now, MemberId peer) {
    Long last = lastCarried.get(peer);
    if (last != null && now - last < interval) {
      return false;
    }
    if (last == null && lastCarried.size() >= MAX_PEERS) {
      forgetIdle(now);
      if (lastCarried.size() >= MAX_PEERS) {
        return false;
      }
    }
    lastCarried.put(peer, now);
    return true;
  }

  /** Forgets the peers whose pace has run out: remembering them changes nothing. */
  void forgetIdle(long now) {
    lastCarried.values().removeIf(last -> now - last >= interval);
  }

  int remembered() {
    return lastCarried.size();
  }
}
