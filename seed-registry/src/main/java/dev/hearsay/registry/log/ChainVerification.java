package dev.hearsay.registry.log;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of offering entries and a head to a {@link ChainVerifier}. Only {@link Outcome#ACCEPTED}
 * changes anything: then {@link #entries()} are the new entries, in order, and {@link #head()} the
 * node's new verified head (possibly the same position with a fresher time).
 */
public final class ChainVerification {
  public enum Outcome {
    /** The chain verifies up to a registry-signed head newer than the node's. */
    ACCEPTED,
    /** The head is not newer than the node's: nothing to do, nothing wrong. */
    IGNORED,
    /** The offer is bad; {@link #reason()} says how. Nothing is accepted from it. */
    REJECTED
  }

  public enum Reason {
    NONE,
    /** The head's signer is not a trusted registry, or the signature does not verify. */
    UNTRUSTED_HEAD,
    /** A validly signed head disagrees with the node's verified chain at the same sequence. */
    FORKED,
    /** An entry between the node's position and the head is missing. */
    MISSING_ENTRIES,
    /** An entry's hash is wrong, it does not link to its predecessor, or the last does not match the head. */
    BROKEN_CHAIN,
    /** More entries than the verifier accepts in one offer. */
    TOO_MANY_ENTRIES
  }

  private final Outcome outcome;
  private final Reason reason;
  private final String detail;
  private final List<RevocationEntry> entries;
  private final SignedHead head;

  private ChainVerification(Outcome outcome, Reason reason, String detail, List<RevocationEntry> entries, SignedHead head) {
    this.outcome = outcome;
    this.reason = reason;
    this.detail = detail;
    this.entries = List.copyOf(entries);
    this.head = head;
  }

  static ChainVerification accepted(List<RevocationEntry> entries, SignedHead head) {
    return new ChainVerification(Outcome.ACCEPTED, Reason.NONE, "", entries, Objects.requireNonNull(head));
  }

  static ChainVerification ignored(String detail) {
    return new ChainVerification(Outcome.IGNORED, Reason.NONE, detail, List.of(), null);
  }

  static ChainVerification rejected(Reason reason, String detail) {
    return new ChainVerification(Outcome.REJECTED, reason, detail, List.of(), null);
  }

  public Outcome outcome() {
    return outcome;
  }

  public boolean accepted() {
    return outcome == Outcome.ACCEPTED;
  }

  public Reason reason() {
    return reason;
  }

  public String detail() {
    return detail;
  }

  /** The newly verified entries, in sequence order; empty unless accepted. */
  public List<RevocationEntry> entries() {
    return entries;
  }

  /** The new verified head when accepted, else null. */
  public SignedHead head() {
    return head;
  }

  @Override
  public String toString() {
    return outcome + (reason == Reason.NONE ? "" : " " + reason) + (detail.isEmpty() ? "" : ": " + detail);
  }
}
