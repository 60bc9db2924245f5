package dev.hearsay.overlay.core;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;

/**
 * One node's view, stored compactly: open addressing with linear probing over three parallel arrays (the
 * subject, its latest ALIVE claim, and the claim that currently wins for it). Claims are shared objects, so
 * an entry costs three references (12 bytes with compressed oops) per slot. The digest buckets are kept up to
 * date on every change, so {@link #digest()} costs O(buckets), not O(members). Next to the buckets over
 * every entry it keeps one set per visibility class, so the digest a peer gets covers only entries the
 * peer may see (at the same cost).
 */
final class MemberTable {

  private static final double MAX_LOAD = 0.7;
  /** Random slots tried before {@link #randomSlot} counts the wanted entries instead. */
  private static final int RANDOM_PROBES = 32;

  private MemberId[] keys;
  private Alive[] alive;
  private Claim[] top;
  private int size;
  private final long[] buckets = new long[ViewDigest.BUCKETS];
  private final Map<String, long[]> classBuckets = new HashMap<>();
  private Function<MemberId, String> classOf = member -> MemberVisibility.EVERYONE;

  MemberTable(int expected) {
    int cap = Integer.highestOneBit(Math.max(8, (int) (expected / MAX_LOAD) + 1) - 1) << 1;
    allocate(cap);
  }

  private void allocate(int cap) {
    keys = new MemberId[cap];
    alive = new Alive[cap];
    top = new Claim[cap];
  }

  int size() {
    return size;
  }

  int capacity() {
    return keys.length;
  }

  MemberId keyAt(int slot) {
    return keys[slot];
  }

  Alive aliveAt(int slot) {
    return alive[slot];
  }

  Claim topAt(int slot) {
    return top[slot];
  }

  /** Whether the entry in occupied {@code slot} is a member other than {@code self} that may still answer: not gone, its address known. */
  boolean reachableOther(int slot, MemberId self) {
    return alive[slot] != null && !top[slot].status().isGone() && !keys[slot].equals(self);
  }

  /** The slot holding {@code id}, or -1. */
  int find(MemberId id) {
    int mask = keys.length - 1;
    int i = (int) id.hash64() & mask;
    while (true) {
      MemberId k = keys[i];
      if (k == null) {
        return -1;
      }
      if (k == id || k.equals(id)) {
        return i;
      }
      i = (i + 1) & mask;
    }
  }

  Claim top(MemberId id) {
    int s = find(id);
    return s < 0 ? null : top[s];
  }

  Alive alive(MemberId id) {
    int s = find(id);
    return s < 0 ? null : alive[s];
  }

  /** Sets the entry of {@code id}; {@code latestAlive} may be null only for a tombstone of an unseen member. */
  void put(MemberId id, Alive latestAlive, Claim winning) {
    int s = find(id);
    if (s >= 0) {
      xorDigest(id, top[s]);
      alive[s] = latestAlive;
      top[s] = winning;
      xorDigest(id, winning);
      return;
    }
    if (size + 1 > keys.length * MAX_LOAD) {
      resize(keys.length * 2);
    }
    int mask = keys.length - 1;
    int i = (int) id.hash64() & mask;
    while (keys[i] != null) {
      i = (i + 1) & mask;
    }
    keys[i] = id;
    alive[i] = latestAlive;
    top[i] = winning;
    size++;
    xorDigest(id, winning);
  }

  /** Removes {@code id}; backward-shift deletion keeps probe chains intact without tombstone slots. */
  void remove(MemberId id) {
    int s = find(id);
    if (s < 0) {
      return;
    }
    xorDigest(id, top[s]);
    int mask = keys.length - 1;
    int hole = s;
    int i = (s + 1) & mask;
    while (keys[i] != null) {
      int home = (int) keys[i].hash64() & mask;
      // Move entry i into the hole unless its home lies cyclically in (hole, i].
      boolean homeBetween = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
      if (!homeBetween) {
        keys[hole] = keys[i];
        alive[hole] = alive[i];
        top[hole] = top[i];
        hole = i;
      }
      i = (i + 1) & mask;
    }
    keys[hole] = null;
    alive[hole] = null;
    top[hole] = null;
    size--;
  }

  private void resize(int cap) {
    MemberId[] oldKeys = keys;
    Alive[] oldAlive = alive;
    Claim[] oldTop = top;
    allocate(cap);
    int mask = cap - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] != null) {
        int i = (int) oldKeys[j].hash64() & mask;
        while (keys[i] != null) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[j];
        alive[i] = oldAlive[j];
        top[i] = oldTop[j];
      }
    }
  }

  /**
   * A random occupied slot whose entry {@code wanted} accepts, uniform over those, or -1 if there is
   * none. Random probes find one quickly while such entries are common; when they are rare (a view
   * full of DEAD and LEFT entries waiting out their tombstone time, say) it counts them and picks one,
   * so a caller never comes back empty-handed while a wanted entry exists. A few bounded random
   * probes alone would miss live members once tombstones outnumber them, and gossip would reach
   * fewer peers the more churn a cluster has seen.
   */
  int randomSlot(RandomGenerator rng, IntPredicate wanted) {
    if (size == 0) {
      return -1;
    }
    int cap = keys.length;
    for (int attempt = 0; attempt < RANDOM_PROBES; attempt++) {
      int i = rng.nextInt(cap);
      if (keys[i] != null && wanted.test(i)) {
        return i;
      }
    }
    int matches = 0;
    for (int i = 0; i < cap; i++) {
      if (keys[i] != null && wanted.test(i)) {
        matches++;
      }
    }
    if (matches == 0) {
      return -1;
    }
    int pick = rng.nextInt(matches);
    for (int i = 0; i < cap; i++) {
      if (keys[i] != null && wanted.test(i) && pick-- == 0) {
        return i;
      }
    }
    throw new IllegalStateException("the filter changed its answers during one pick");
  }

  /** Sorts the entries into visibility classes by {@code classifier} (recomputing the class buckets). */
  void classify(Function<MemberId, String> classifier) {
    classOf = classifier;
    classBuckets.clear();
    for (int s = 0; s < keys.length; s++) {
      if (keys[s] != null) {
        long h = entryHash(keys[s], top[s]);
        classBuckets.computeIfAbsent(classOf.apply(keys[s]), c -> new long[ViewDigest.BUCKETS])[ViewDigest.bucketOf(keys[s])] ^= h;
      }
    }
  }

  private void xorDigest(MemberId id, Claim winning) {
    long h = entryHash(id, winning);
    int b = ViewDigest.bucketOf(id);
    buckets[b] ^= h;
    classBuckets.computeIfAbsent(classOf.apply(id), c -> new long[ViewDigest.BUCKETS])[b] ^= h;
  }

  /** The digest contribution of one entry: subject, incarnation and status rank (not who accused or declared). */
  static long entryHash(MemberId id, Claim winning) {
    long version = winning.incarnation() * 4 + winning.status().rank();
    return Hashing.mix64(id.hash64() ^ Hashing.mix64(version + 0x9e3779b97f4a7c15L));
  }

  /** The digest over every entry. */
  ViewDigest digest() {
    return fold(buckets);
  }

  /** The digest over the entries of {@code classes} only (a class with no entries adds nothing). */
  ViewDigest digest(Collection<String> classes) {
    long[] combined = new long[ViewDigest.BUCKETS];
    for (String c : classes) {
      long[] b = classBuckets.get(c);
      if (b != null) {
        for (int i = 0; i < ViewDigest.BUCKETS; i++) {
          combined[i] ^= b[i];
        }
      }
    }
    return fold(combined);
  }

  private static ViewDigest fold(long[] buckets) {
    int[] folded = new int[ViewDigest.BUCKETS];
    long root = 0x51ed270b27a5f5cdL;
    for (int i = 0; i < ViewDigest.BUCKETS; i++) {
      folded[i] = (int) (buckets[i] ^ (buckets[i] >>> 32));
      root = Hashing.mix64(root ^ buckets[i]);
    }
    return new ViewDigest(root, folded);
  }

  /** Root of the digest only (cheap agreement checks). */
  long digestRoot() {
    long root = 0x51ed270b27a5f5cdL;
    for (int i = 0; i < ViewDigest.BUCKETS; i++) {
      root = Hashing.mix64(root ^ buckets[i]);
    }
    return root;
  }
}
