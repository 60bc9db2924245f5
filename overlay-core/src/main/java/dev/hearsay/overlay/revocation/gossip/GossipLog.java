package dev.hearsay.overlay.revocation.gossip;

import dev.hearsay.registry.log.ChainVerification;
import dev.hearsay.registry.log.RevocationEntry;
import dev.hearsay.registry.log.SignedHead;
import java.util.List;

/**
 * The verified registry log as registry gossip sees it: what to tell peers, and the one way to
 * change it. Implementations change only through a chain verification, so whatever gossip offers
 * is checked exactly like entries fetched from the registry.
 */
public interface GossipLog {
  /** The verified head, or null before the first. */
  SignedHead head();

  /** At most {@code max} verified entries after sequence {@code since}, in order, with the head, read at one moment. */
  Slice after(long since, int max);

  /** Offers entries and the head they lead to; only an accepted outcome changes anything. */
  ChainVerification offer(List<RevocationEntry> entries, SignedHead head);

  /** Entries in sequence order and the verified head at the time they were read. */
  record Slice(List<RevocationEntry> entries, SignedHead head) {
    public Slice {
      entries = List.copyOf(entries);
    }
  }
}
