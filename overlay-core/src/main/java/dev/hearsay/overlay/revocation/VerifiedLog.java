package dev.hearsay.overlay.revocation;

import dev.hearsay.overlay.revocation.gossip.GossipLog;
import dev.hearsay.registry.log.ChainVerification;
import dev.hearsay.registry.log.ChainVerifier;
import dev.hearsay.registry.log.LogPosition;
import dev.hearsay.registry.log.RevocationEntry;
import dev.hearsay.registry.log.RevocationSet;
import dev.hearsay.registry.log.SignedHead;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A node's copy of the registry log: the entries it verified, the registry-signed head they lead
 * to, and the {@link RevocationSet} the trust manager consults. Every change goes through
 * {@link ChainVerifier}, so the copy only ever grows along the registry's chain: an offer that
 * would remove, alter or reorder an entry is rejected, an older head is ignored.
 */
public final class VerifiedLog implements GossipLog {
  /** The registry's own cap on its log; a node holds no more than the registry can. */
  static final int MAX_ENTRIES = 1_000_000;

  private final ChainVerifier verifier;
  private final RevocationSet revocations = new RevocationSet();
  private final List<RevocationEntry> entries = new ArrayList<>();
  private volatile SignedHead head;

  public VerifiedLog(ChainVerifier verifier) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
  }

  /**
   * Offers entries and the head they lead to. Only an {@code ACCEPTED} outcome changes anything;
   * its entries are then in the set before this returns.
   */
  @Override
  public synchronized ChainVerification offer(List<RevocationEntry> offered, SignedHead offeredHead) {
    return offer(offered, offeredHead, verifier);
  }

  /** As {@link #offer(List, SignedHead)}, with another verifier (e.g. one judging certificates as of the head's time). */
  synchronized ChainVerification offer(List<RevocationEntry> offered, SignedHead offeredHead, ChainVerifier with) {
    ChainVerification result = with.verify(head, offered, offeredHead);
    if (!result.accepted()) {
      return result;
    }
    if (entries.size() + result.entries().size() > MAX_ENTRIES) {
      // Unreachable with an honest registry (it refuses appends past this cap); refuse rather than grow without bound.
      throw new IllegalStateException("the verified log would exceed " + MAX_ENTRIES + " entries");
    }
    // The set first: a handshake racing with this offer must never see the head move before the entries.
    revocations.addAll(result.entries());
    entries.addAll(result.entries());
    head = result.head();
    return result;
  }

  public RevocationSet revocations() {
    return revocations;
  }

  /** The verified head, or null before the first verified offer. */
  @Override
  public SignedHead head() {
    return head;
  }

  synchronized LogPosition position() {
    return head == null ? LogPosition.GENESIS : head.position();
  }

  public synchronized int size() {
    return entries.size();
  }

  @Override
  public synchronized Slice after(long since, int max) {
    // Entry n sits at index n - 1: the chain starts at 1 and has no gaps.
    int from = (int) Math.min(Math.max(since, 0), entries.size());
    int to = (int) Math.min((long) from + Math.max(max, 0), entries.size());
    return new Slice(entries.subList(from, to), head);
  }

  /** A copy of the verified entries with their head, taken atomically, for persisting. */
  synchronized Snapshot snapshot() {
    return new Snapshot(List.copyOf(entries), head);
  }

  record Snapshot(List<RevocationEntry> entries, SignedHead head) {}
}
