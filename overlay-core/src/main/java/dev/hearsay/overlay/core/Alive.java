package dev.hearsay.overlay.core;

import java.util.Objects;

/**
 * "I am alive at this incarnation, reachable at this address, with this metadata version." Signed by the
 * subject. {@code metaVersion} is 0 for a member without metadata; otherwise its {@link Meta} claims carry
 * the same version, so a node can tell whether the metadata it holds is current.
 */
public record Alive(MemberId subject, long incarnation, String address, long metaVersion, byte[] proof)
    implements Claim {

  public Alive {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(proof, "proof");
    if (incarnation < 0) {
      throw new IllegalArgumentException("negative incarnation");
    }
  }

  @Override
  public Status status() {
    return Status.ALIVE;
  }

  @Override
  public int estimatedBytes() {
    // subject, address, metadata version, certificate fingerprint, signature.
    return HEADER_BYTES + subject.encodedSize() + 2 + address.length() + 8 + FINGERPRINT_BYTES
        + Claim.proofBytes(proof);
  }
}
