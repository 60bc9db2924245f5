package dev.hearsay.overlay.core;

import java.util.Objects;

/**
 * The registry revoked this member's certificate. Enters the core only through
 * {@link MembershipCore#revoke}, never from gossip; beats every other claim forever.
 */
public record Revoked(MemberId subject, long registrySequence, byte[] proof) implements Claim {

  public Revoked {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(proof, "proof");
  }

  @Override
  public long incarnation() {
    return registrySequence;
  }

  @Override
  public Status status() {
    return Status.REVOKED;
  }

  @Override
  public int estimatedBytes() {
    return HEADER_BYTES + subject.encodedSize() + Claim.proofBytes(proof);
  }
}
