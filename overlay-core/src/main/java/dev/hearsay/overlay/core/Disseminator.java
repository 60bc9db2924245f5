package dev.hearsay.overlay.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The queue of claims this node is still spreading. Each claim goes out at most the retransmit limit times;
 * selection takes the least-sent claims first (newest first among equals) and stops at the byte budget of
 * the message. A claim leaves the queue when a newer claim about the same subject supersedes it.
 *
 * <p>Claims are kept in one list per transmit count, newest at the tail, so a selection touches only the
 * claims it takes and never sorts the queue.
 */
final class Disseminator {

  private static final int MAX_QUEUED = 4096;
  /** No claim is smaller than this; below it a message is full. */
  private static final int SMALLEST_CLAIM = 96;
  /** Candidates examined per selection, whatever the queue length. */
  private static final int MAX_SCANNED = 32;

  private static final class Entry {
    final Claim claim;
    int transmits;
    boolean removed;

    Entry(Claim claim) {
      this.claim = claim;
    }
  }

  private final List<List<Entry>> levels = new ArrayList<>();
  private final Map<MemberId, List<Entry>> bySubject = new HashMap<>();
  private int size;

  void enqueue(Claim claim) {
    List<Entry> about = bySubject.get(claim.subject());
    if (about != null) {
      for (int i = about.size() - 1; i >= 0; i--) {
        Entry e = about.get(i);
        if (e.claim == claim) {
          return;
        }
        if (claim.supersedes(e.claim)) {
          e.removed = true;
          about.remove(i);
          size--;
        }
      }
    } else {
      about = new ArrayList<>(2);
      bySubject.put(claim.subject(), about);
    }
    Entry entry = new Entry(claim);
    about.add(entry);
    level(0).add(entry);
    size++;
    if (size > MAX_QUEUED) {
      dropMostSent();
    }
  }

  int size() {
    return size;
  }

  /**
   * Picks claims for one message within {@code budgetBytes}, skipping any claim in {@code exclude} (what the
   * peer just sent us). Counts the transmissions and retires claims that reached {@code limit}.
   */
  List<Claim> select(int budgetBytes, int limit, List<Claim> exclude) {
    return select(budgetBytes, limit, exclude, c -> true);
  }

  /** As {@link #select(int, int, List)}, taking only claims {@code allowed} accepts (the rest keep their turn). */
  List<Claim> select(int budgetBytes, int limit, List<Claim> exclude, Predicate<Claim> allowed) {
    if (size == 0) {
      return List.of();
    }
    List<Claim> out = new ArrayList<>();
    List<Entry> taken = new ArrayList<>();
    int used = 0;
    int scanned = 0;
    for (int t = 0; t < levels.size() && budgetBytes - used >= SMALLEST_CLAIM && scanned < MAX_SCANNED; t++) {
      List<Entry> level = levels.get(t);
      for (int i = level.size() - 1; i >= 0 && budgetBytes - used >= SMALLEST_CLAIM && scanned < MAX_SCANNED;
          i--) {
        Entry e = level.get(i);
        if (e.removed) {
          level.remove(i);
          continue;
        }
        scanned++;
        if (contains(exclude, e.claim) || !allowed.test(e.claim)) {
          continue;
        }
        int bytes = e.claim.estimatedBytes();
        if (used + bytes > budgetBytes) {
          continue;
        }
        used += bytes;
        out.add(e.claim);
        level.remove(i);
        taken.add(e);
      }
    }
    for (Entry e : taken) {
      e.transmits++;
      if (e.transmits >= limit) {
        retire(e);
      } else {
        level(e.transmits).add(e);
      }
    }
    return out;
  }

  private List<Entry> level(int t) {
    while (levels.size() <= t) {
      levels.add(new ArrayList<>());
    }
    return levels.get(t);
  }

  private void retire(Entry e) {
    List<Entry> about = bySubject.get(e.claim.subject());
    if (about != null) {
      about.remove(e);
      if (about.isEmpty()) {
        bySubject.remove(e.claim.subject());
      }
    }
    e.removed = true;
    size--;
  }

  /** Over capacity: drop the oldest of the most-sent claims. */
  private void dropMostSent() {
    for (int t = levels.size() - 1; t >= 0; t--) {
      List<Entry> level = levels.get(t);
      while (!level.isEmpty()) {
        Entry e = level.remove(0);
        if (!e.removed) {
          retire(e);
          return;
        }
      }
    }
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
