package dev.hearsay.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.github.benmanes.caffeine.cache.Cache;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CachesTest {
  @Test
  void evictionRunsOnTheThreadThatWrote() {
    List<Thread> evictedOn = new ArrayList<>();
    Cache<Integer, Integer> cache = Caches.builder().maximumSize(1)
        .<Integer, Integer>removalListener((k, v, cause) -> evictedOn.add(Thread.currentThread())).build();
    cache.put(1, 1);
    cache.put(2, 2);
    // No cleanUp() and no waiting: the eviction and its listener already ran, here.
    assertEquals(1, evictedOn.size(), "evicted during the put");
    assertSame(Thread.currentThread(), evictedOn.get(0));
    assertEquals(1, cache.estimatedSize());
  }
}
