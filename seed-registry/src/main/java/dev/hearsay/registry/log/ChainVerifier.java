package dev.hearsay.registry.log;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * How a node accepts revocations from anyone (the registry or a gossip peer): only when the entries
 * extend its verified chain link by link up to a head signed by a trusted registry. So nothing a peer
 * sends can remove or alter an entry: a removal leaves a gap, an alteration breaks a hash, and an
 * older head is simply ignored. Pure and thread-safe; the caller keeps the verified state.
 */
public final class ChainVerifier {
  /** Bounds the work one offer can cause; callers page larger catch-ups. */
  public static final int DEFAULT_MAX_ENTRIES = 100_000;

  private final HeadVerifier heads;
  private final int maxEntries;

  public ChainVerifier(HeadVerifier heads) {
    this(heads, DEFAULT_MAX_ENTRIES);
  }

  public ChainVerifier(HeadVerifier heads, int maxEntries) {
    this.heads = Objects.requireNonNull(heads, "heads");
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive");
    }
    this.maxEntries = maxEntries;
  }

  /**
   * @param current the node's last verified head, or null if it has verified nothing yet
   * @param entries entries offered with the head, in any order; those at or below the node's position
   *     and those beyond the head are not taken
   * @param offered the head that is supposed to cover the entries
   */
  public ChainVerification verify(SignedHead current, List<RevocationEntry> entries, SignedHead offered) {
    Objects.requireNonNull(offered, "offered");
    Objects.requireNonNull(entries, "entries");
    LogPosition at = current == null ? LogPosition.GENESIS : current.position();
    // Cheap checks first: an older head needs no signature check to be ignored.
    if (offered.sequence() < at.sequence()) {
      return ChainVerification.ignored("head #" + offered.sequence() + " is older than #" + at.sequence());
    }
    if (offered.sequence() == at.sequence()
        && offered.hash().equals(at.hash())
        && current != null
        && !offered.time().isAfter(current.time())) {
      return ChainVerification.ignored("head #" + offered.sequence() + " is not newer than the one held");
    }
    if (entries.size() > maxEntries) {
      return ChainVerification.rejected(
          ChainVerification.Reason.TOO_MANY_ENTRIES, entries.size() + " entries offered, at most " + maxEntries + " at once");
    }
    try {
      heads.verify(offered);
    } catch (HeadVerifier.InvalidHeadException e) {
      return ChainVerification.rejected(ChainVerification.Reason.UNTRUSTED_HEAD, e.getMessage());
    }
    if (offered.sequence() == at.sequence()) {
      if (!offered.hash().equals(at.hash())) {
        return ChainVerification.rejected(
            ChainVerification.Reason.FORKED,
            "a registry-signed head #" + offered.sequence() + " has hash " + offered.hash() + ", the verified chain has " + at.hash());
      }
      return ChainVerification.accepted(List.of(), offered);
    }
    return link(at, entries, offered);
  }

  private static ChainVerification link(LogPosition at, List<RevocationEntry> offeredEntries, SignedHead head) {
    List<RevocationEntry> sorted = new ArrayList<>(offeredEntries);
    sorted.sort(Comparator.comparingLong(RevocationEntry::sequence));
    List<RevocationEntry> accepted = new ArrayList<>();
    ChainHash previous = at.hash();
    long expected = at.sequence() + 1;
    long lastSeen = Long.MIN_VALUE;
    for (RevocationEntry entry : sorted) {
      if (entry.sequence() == lastSeen) {
        return ChainVerification.rejected(ChainVerification.Reason.BROKEN_CHAIN, "entry #" + entry.sequence() + " is offered twice");
      }
      lastSeen = entry.sequence();
      if (entry.sequence() == at.sequence() && at.sequence() > 0 && !entry.hash().equals(at.hash())) {
        return ChainVerification.rejected(
            ChainVerification.Reason.FORKED, "entry #" + entry.sequence() + " differs from the verified one");
      }
      if (entry.sequence() < expected || entry.sequence() > head.sequence()) {
        continue;
      }
      if (entry.sequence() > expected) {
        return ChainVerification.rejected(ChainVerification.Reason.MISSING_ENTRIES, "entry #" + expected + " is missing");
      }
      if (!entry.hasValidHash()) {
        return ChainVerification.rejected(
            ChainVerification.Reason.BROKEN_CHAIN, "entry #" + entry.sequence() + " does not match its hash");
      }
      if (!entry.prevHash().equals(previous)) {
        return ChainVerification.rejected(
            ChainVerification.Reason.BROKEN_CHAIN, "entry #" + entry.sequence() + " does not link to entry #" + (expected - 1));
      }
      accepted.add(entry);
      previous = entry.hash();
      expected++;
    }
    if (expected <= head.sequence()) {
      return ChainVerification.rejected(
          ChainVerification.Reason.MISSING_ENTRIES, "entries #" + expected + " to #" + head.sequence() + " are missing");
    }
    if (!previous.equals(head.hash())) {
      return ChainVerification.rejected(
          ChainVerification.Reason.BROKEN_CHAIN, "entry #" + head.sequence() + " does not match the signed head's hash");
    }
    return ChainVerification.accepted(accepted, head);
  }
}
