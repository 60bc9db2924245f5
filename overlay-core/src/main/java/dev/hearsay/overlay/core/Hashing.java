package dev.hearsay.overlay.core;

/** Small, stable, non-cryptographic hashes shared by the view tables and the digests. */
final class Hashing {

  private Hashing() {}

  static long fnv1a64(byte[] bytes) {
    long h = 0xcbf29ce484222325L;
    for (byte b : bytes) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return mix64(h);
  }

  /** The SplitMix64 finalizer: spreads every input bit over the output. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
