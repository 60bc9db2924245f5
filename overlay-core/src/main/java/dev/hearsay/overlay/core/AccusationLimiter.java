package dev.hearsay.overlay.core;

import java.util.HashMap;
import java.util.Map;

/**
 * A token bucket per accuser. An honest node probes one member per probe interval, so it can make at most
 * about one new accusation per interval; anything faster is flooding and is dropped (not relayed).
 */
final class AccusationLimiter {

  private final long refillEvery;
  private final int burst;
  private final Map<MemberId, long[]> buckets = new HashMap<>();

  AccusationLimiter(long refillEvery, int burst) {
    this.refillEvery = refillEvery;
    this.burst = burst;
  }

  /** True if {@code accuser} may make one more accusation at {@code now}; takes a token if so. */
  boolean tryAcquire(MemberId accuser, long now) {
    long[] b = buckets.get(accuser);
    if (b == null) {
      b = new long[] {burst, now};
      buckets.put(accuser, b);
    }
    long elapsed = now - b[1];
    if (elapsed >= refillEvery) {
      long add = elapsed / refillEvery;
      b[0] = Math.min(burst, b[0] + add);
      b[1] += add * refillEvery;
    }
    if (b[0] <= 0) {
      return false;
    }
    b[0]--;
    return true;
  }

  void forget(MemberId accuser) {
    buckets.remove(accuser);
  }
}
