package dev.hearsay.authz;

/**
 * The kinds of claim authz decides on. This mirrors the claims gossip carries without depending on
 * the protocol core, so the core can depend on authz and not the other way round.
 */
public enum ClaimKind {
  /** The subject says it is alive at an incarnation. Only the subject may say it. */
  ALIVE,
  /** An accuser says the subject did not answer its probes. Only an authorized accuser may say it. */
  SUSPECT,
  /** The subject is declared dead on the evidence of {@code k} distinct authorized accusers. */
  DEAD,
  /** The subject says it is leaving gracefully. Only the subject may say it. */
  LEAVE,
  /** The subject writes one of its metadata entries. */
  META_WRITE,
  /** A peer asks to receive one of the subject's metadata entries. */
  META_READ,
  /** The subject refutes a suspicion by raising its incarnation. Only the subject may say it. */
  REFUTE
}
