package dev.hearsay.crypto;

import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Where every Caffeine cache of hearsay starts: a builder whose maintenance (eviction, expiry, the
 * read and write buffers) runs on the thread that uses the cache. With Caffeine's default executor
 * nearly every put handed that work to the common pool and woke one of its threads: in a profiled
 * flood run, about a tenth of the event loops' samples went to the hand-off, and the pool's threads
 * used more again. Maintenance on the caller is a few array reads per call, needs no background
 * thread, and is deterministic in tests with an injected ticker.
 */
public final class Caches {
  private Caches() {}

  public static Caffeine<Object, Object> builder() {
    return Caffeine.newBuilder().executor(Runnable::run);
  }
}
