package dev.hearsay.overlay.core;

import java.util.Objects;

/** "I could not reach this subject at this incarnation." Signed by the accuser. */
public record Suspect(MemberId subject, long incarnation, MemberId accuser, byte[] proof) implements Claim {

  public Suspect {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(accuser, "accuser");
    Objects.requireNonNull(proof, "proof");
    if (subject.equals(accuser)) {
      throw new IllegalArgumentException("a member cannot accuse itself");
    }
    if (incarnation < 0) {
      throw new IllegalArgumentException("negative incarnation");
    }
  }

  @Override
  public Status status() {
    return Status.SUSPECT;
  }

  @Override
  public int estimatedBytes() {
    return HEADER_BYTES + subject.encodedSize() + accuser.encodedSize() + Claim.proofBytes(proof);
  }
}
