package dev.hearsay.overlay.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The queue of claims this node is still spreading. Each claim goes out at most the retransmit limit times;
 * selection takes the least-sent claims first and stops at the byte budget of the message. A claim is
 * dropped from the queue when a newer claim about the same subject supersedes it.
 */
final class Disseminator {

  private static final int MAX_QUEUED = 4096;

  private static final class Entry {
    final Claim claim;
    final long order;
    int transmits;

    Entry(Claim claim, long order) {
      this.claim = claim;
      this.order = order;
    }
  }

  private final List<Entry> queue = new ArrayList<>();
  private long counter;

  void enqueue(Claim claim) {
    for (int i = queue.size() - 1; i >= 0; i--) {
      Claim old = queue.get(i).claim;
      if (old.subject().equals(claim.subject()) && !old.supersedes(claim) && claim.supersedes(old)) {
        queue.remove(i);
      } else if (old == claim) {
        return;
      }
    }
    queue.add(new Entry(claim, counter++));
    if (queue.size() > MAX_QUEUED) {
      queue.sort((a, b) -> a.transmits != b.transmits ? Integer.compare(b.transmits, a.transmits)
          : Long.compare(a.order, b.order));
      queue.remove(0);
    }
  }

  int size() {
    return queue.size();
  }

  /**
   * Picks claims for one message: least-sent first (newest first among equals), within {@code budgetBytes},
   * skipping any claim in {@code exclude} (what the peer just sent us). Counts the transmissions and retires
   * claims that reached {@code limit}.
   */
  List<Claim> select(int budgetBytes, int limit, List<Claim> exclude) {
    if (queue.isEmpty()) {
      return List.of();
    }
    queue.sort((a, b) -> a.transmits != b.transmits ? Integer.compare(a.transmits, b.transmits)
        : Long.compare(b.order, a.order));
    List<Claim> out = new ArrayList<>();
    int used = 0;
    for (int i = 0; i < queue.size(); i++) {
      Entry e = queue.get(i);
      if (contains(exclude, e.claim)) {
        continue;
      }
      int bytes = e.claim.estimatedBytes();
      if (used + bytes > budgetBytes) {
        continue;
      }
      used += bytes;
      out.add(e.claim);
      e.transmits++;
    }
    queue.removeIf(e -> e.transmits >= limit);
    return out;
  }

  /** The queued claim about {@code subject} with {@code status}, or null. */
  Claim findAbout(MemberId subject, Status status) {
    for (Entry e : queue) {
      if (e.claim.subject().equals(subject) && e.claim.status() == status) {
        return e.claim;
      }
    }
    return null;
  }

  private static boolean contains(List<Claim> list, Claim c) {
    for (Claim x : list) {
      if (x == c) {
        return true;
      }
    }
    return false;
  }
}
