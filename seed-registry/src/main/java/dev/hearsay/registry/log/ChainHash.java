package dev.hearsay.registry.log;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** A SHA-256 link of the revocation chain: the hash of one entry, or {@link #GENESIS} before the first. */
public final class ChainHash {
  public static final int LENGTH = 32;
  /** The previous hash of entry 1 and the hash of the empty log. */
  public static final ChainHash GENESIS = new ChainHash(new byte[LENGTH]);

  private final byte[] bytes;

  private ChainHash(byte[] bytes) {
    this.bytes = bytes;
  }

  public static ChainHash of(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "a chain hash is " + LENGTH + " bytes, got " + (bytes == null ? "none" : bytes.length));
    }
    return new ChainHash(bytes.clone());
  }

  /** Parses 64 hex digits; anything else is refused with the reason. */
  public static ChainHash parseHex(String hex) {
    if (hex == null || hex.length() != 2 * LENGTH) {
      throw new IllegalArgumentException("a chain hash is " + 2 * LENGTH + " hex digits");
    }
    try {
      return new ChainHash(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a chain hash is " + 2 * LENGTH + " hex digits: " + e.getMessage());
    }
  }

  static ChainHash sha256(byte[] prefix, byte[] data) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(prefix);
      sha.update(data);
      return new ChainHash(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChainHash h && MessageDigest.isEqual(bytes, h.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
