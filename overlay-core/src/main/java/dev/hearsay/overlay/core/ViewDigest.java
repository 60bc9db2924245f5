package dev.hearsay.overlay.core;

import java.util.Arrays;

/**
 * A compact, order-independent summary of a view: one 32-bit hash per bucket of subjects, and a root over
 * the buckets. Two views with the same entries have the same digest, whatever the insertion order; the size
 * does not grow with the number of members.
 */
public record ViewDigest(long root, int[] buckets) {

  public static final int BUCKETS = 64;

  public ViewDigest {
    if (buckets.length != BUCKETS) {
      throw new IllegalArgumentException("expected " + BUCKETS + " buckets, got " + buckets.length);
    }
    buckets = buckets.clone();
  }

  /** The bucket of a subject. */
  public static int bucketOf(MemberId subject) {
    return (int) (subject.hash64() >>> 58);
  }

  /** Bit mask of the buckets that differ from {@code other}. */
  public long differingBuckets(ViewDigest other) {
    long mask = 0;
    for (int i = 0; i < BUCKETS; i++) {
      if (buckets[i] != other.buckets[i]) {
        mask |= 1L << i;
      }
    }
    return mask;
  }

  public int estimatedBytes() {
    return 8 + 4 * BUCKETS;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ViewDigest d && d.root == root && Arrays.equals(d.buckets, buckets);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(root);
  }

  @Override
  public String toString() {
    return "ViewDigest[root=" + Long.toHexString(root) + "]";
  }
}
