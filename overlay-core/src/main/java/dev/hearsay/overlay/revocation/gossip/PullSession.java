package dev.hearsay.overlay.revocation.gossip;

import dev.hearsay.registry.log.RevocationEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * One catch-up from one peer: the pages gathered so far, where the next starts, and until when its
 * answer is awaited. Entries only verify together with a registry-signed head at their end, so the
 * pages of a gap longer than one message are collected (bounded by the caller) and offered at once
 * when the last one arrives.
 */
final class PullSession {
  private final List<RevocationEntry> gathered;
  private final long since;
  private final long deadline;

  private PullSession(List<RevocationEntry> gathered, long since, long deadline) {
    this.gathered = gathered;
    this.since = since;
    this.deadline = deadline;
  }

  /** A pull sent for the entries after {@code since}, nothing gathered yet. */
  static PullSession asked(long since, long deadline) {
    return new PullSession(List.of(), since, deadline);
  }

  /** Holding {@code entries} (a run of the peer's log, not empty), asking for what follows. */
  static PullSession holding(List<RevocationEntry> entries, long deadline) {
    return new PullSession(entries, entries.get(entries.size() - 1).sequence(), deadline);
  }

  /** The sequence after which the next page starts. */
  long since() {
    return since;
  }

  boolean expired(long now) {
    return now - deadline >= 0;
  }

  /** Whether {@code page} is the next page of this catch-up. */
  boolean continuesWith(List<RevocationEntry> page) {
    return !page.isEmpty() && page.get(0).sequence() == since + 1;
  }

  /** What is gathered, with {@code page} after it. */
  List<RevocationEntry> with(List<RevocationEntry> page) {
    List<RevocationEntry> all = new ArrayList<>(gathered.size() + page.size());
    all.addAll(gathered);
    all.addAll(page);
    return all;
  }
}
