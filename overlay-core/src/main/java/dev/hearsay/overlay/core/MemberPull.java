package dev.hearsay.overlay.core;

/**
 * "Send me what you hold about {@code subject}": its current ALIVE and the metadata I may read. Sent to
 * the subject itself when its ALIVE names metadata this node does not hold yet, and to a relay whose
 * claim named a certificate this node does not know (the answer carries the certificate).
 */
public record MemberPull(MemberId subject) implements Message {
  public MemberPull {
    java.util.Objects.requireNonNull(subject, "subject");
  }

  @Override
  public int estimatedBytes() {
    return FRAME_BYTES + subject.encodedSize();
  }
}
