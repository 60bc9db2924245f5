package dev.hearsay.registry.log;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.Role;
import java.time.Instant;
import java.util.Objects;

/**
 * One link of the revocation chain. The hash covers every other field (see {@link EntryCodec}), the
 * previous hash included, so altering, removing or reordering an entry breaks every later link.
 *
 * <p>An entry read from the network carries the hash its sender claims; {@link #hasValidHash()}
 * recomputes it. Only the {@link ChainVerifier} decides whether an entry is acceptable.
 */
public final class RevocationEntry {
  public static final int MAX_REASON_LENGTH = 256;

  private final long sequence;
  private final RevocationTarget target;
  private final String reason;
  private final Instant time;
  private final NodeIdentity operator;
  private final ChainHash prevHash;
  private final ChainHash hash;

  private RevocationEntry(
      long sequence, RevocationTarget target, String reason, Instant time, NodeIdentity operator, ChainHash prevHash, ChainHash hash) {
    this.sequence = sequence;
    this.target = target;
    this.reason = reason;
    this.time = time;
    this.operator = operator;
    this.prevHash = prevHash;
    this.hash = hash;
  }

  /** A new entry; its time is kept to the millisecond, the precision of the encoding. */
  public static RevocationEntry create(
      long sequence, RevocationTarget target, String reason, Instant time, NodeIdentity operator, ChainHash prevHash) {
    RevocationEntry unhashed = withClaimedHash(sequence, target, reason, time, operator, prevHash, ChainHash.GENESIS);
    return unhashed.withHash(unhashed.computeHash());
  }

  /** An entry as received, with the hash its sender claims; checks the fields, not the hash. */
  public static RevocationEntry withClaimedHash(
      long sequence, RevocationTarget target, String reason, Instant time, NodeIdentity operator, ChainHash prevHash, ChainHash hash) {
    if (sequence < 1) {
      throw new IllegalArgumentException("entry sequence starts at 1, got " + sequence);
    }
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(prevHash, "prevHash");
    Objects.requireNonNull(hash, "hash");
    if (operator.role() != Role.OPERATOR) {
      throw new IllegalArgumentException("entries are published by operators, not by " + operator);
    }
    Instant millis = Instant.ofEpochMilli(Objects.requireNonNull(time, "time").toEpochMilli());
    return new RevocationEntry(sequence, target, checkReason(reason), millis, operator, prevHash, hash);
  }

  /** Reasons are short single-line text; null means none. */
  public static String checkReason(String reason) {
    if (reason == null) {
      return "";
    }
    if (reason.length() > MAX_REASON_LENGTH) {
      throw new IllegalArgumentException("reason is longer than " + MAX_REASON_LENGTH + " characters");
    }
    for (int i = 0; i < reason.length(); i++) {
      if (Character.isISOControl(reason.charAt(i))) {
        throw new IllegalArgumentException("reason must not contain control characters");
      }
    }
    return reason;
  }

  private RevocationEntry withHash(ChainHash h) {
    return new RevocationEntry(sequence, target, reason, time, operator, prevHash, h);
  }

  public ChainHash computeHash() {
    return ChainHash.sha256(EntryCodec.HASH_PREFIX, EntryCodec.encodeBody(this));
  }

  public boolean hasValidHash() {
    return computeHash().equals(hash);
  }

  public long sequence() {
    return sequence;
  }

  public RevocationTarget target() {
    return target;
  }

  /** Empty when the operator gave none. */
  public String reason() {
    return reason;
  }

  public Instant time() {
    return time;
  }

  public NodeIdentity operator() {
    return operator;
  }

  public ChainHash prevHash() {
    return prevHash;
  }

  public ChainHash hash() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RevocationEntry e
        && sequence == e.sequence
        && target.equals(e.target)
        && reason.equals(e.reason)
        && time.equals(e.time)
        && operator.equals(e.operator)
        && prevHash.equals(e.prevHash)
        && hash.equals(e.hash);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return "#" + sequence + " " + target + (reason.isEmpty() ? "" : " (" + reason + ")") + " by " + operator + " at " + time;
  }
}
