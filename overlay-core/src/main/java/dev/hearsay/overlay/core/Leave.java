package dev.hearsay.overlay.core;

import java.util.Objects;

/** "I am leaving the overlay for good at this incarnation." Signed by the subject. */
public record Leave(MemberId subject, long incarnation, byte[] proof) implements Claim {

  public Leave {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(proof, "proof");
    if (incarnation < 0) {
      throw new IllegalArgumentException("negative incarnation");
    }
  }

  @Override
  public Status status() {
    return Status.LEFT;
  }

  @Override
  public int estimatedBytes() {
    return HEADER_BYTES + subject.encodedSize() + Claim.proofBytes(proof);
  }
}
