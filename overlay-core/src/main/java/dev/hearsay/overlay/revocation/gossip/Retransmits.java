package dev.hearsay.overlay.revocation.gossip;

import dev.hearsay.registry.log.RevocationEntry;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Newly accepted entries and how many more times each is to be pushed (memberlist's broadcast
 * queue with its retransmit limit). Holds sequence numbers only: what is sent is read from the
 * verified log, so a push is always a run of the log ending at its head. Bounded to one message's
 * worth of entries; older ones make way (a peer further behind pulls).
 */
final class Retransmits {
  private final int capacity;
  private final TreeMap<Long, Integer> remaining = new TreeMap<>();
  private long highestQueued;

  Retransmits(int capacity) {
    this.capacity = capacity;
  }

  /** Queues the entries newer than any queued before, each for {@code limit} transmissions; true if any was new. */
  boolean add(List<RevocationEntry> entries, int limit) {
    boolean added = false;
    for (RevocationEntry e : entries) {
      if (e.sequence() > highestQueued) {
        remaining.put(e.sequence(), limit);
        highestQueued = e.sequence();
        added = true;
      }
    }
    while (remaining.size() > capacity) {
      remaining.pollFirstEntry();
    }
    return added;
  }

  boolean isEmpty() {
    return remaining.isEmpty();
  }

  /** The lowest queued sequence; only when not empty. */
  long lowest() {
    return remaining.firstKey();
  }

  /** One transmission of the entries {@code from} to {@code to}: each has one fewer left. */
  void sent(long from, long to) {
    Iterator<Map.Entry<Long, Integer>> it = remaining.subMap(from, true, to, true).entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Long, Integer> e = it.next();
      if (e.getValue() <= 1) {
        it.remove();
      } else {
        e.setValue(e.getValue() - 1);
      }
    }
  }

  /** Drops the entries below {@code sequence}: the log has moved on past what one message holds. */
  void forgetBelow(long sequence) {
    remaining.headMap(sequence, false).clear();
  }

  int size() {
    return remaining.size();
  }
}
