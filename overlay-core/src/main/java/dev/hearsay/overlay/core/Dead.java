package dev.hearsay.overlay.core;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * "This subject is dead at this incarnation", with its evidence: either {@code k} suspicions from distinct
 * accusers about that incarnation, or the subject's own {@link Leave}. Signed by the declarer; the evidence
 * keeps its original signatures, so any node can check it without trusting the declarer.
 */
public record Dead(MemberId subject, long incarnation, MemberId declarer, List<Claim> evidence, byte[] proof)
    implements Claim {

  public Dead {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(declarer, "declarer");
    Objects.requireNonNull(proof, "proof");
    evidence = List.copyOf(evidence);
    if (incarnation < 0) {
      throw new IllegalArgumentException("negative incarnation");
    }
  }

  @Override
  public Status status() {
    return Status.DEAD;
  }

  /** True if the evidence is the subject's own leave at this incarnation. */
  public boolean isByLeave() {
    return evidence.size() == 1
        && evidence.get(0) instanceof Leave l
        && l.subject().equals(subject)
        && l.incarnation() == incarnation;
  }

  /** Number of distinct accusers, other than the subject, whose suspicion of this incarnation is enclosed. */
  public int distinctAccusers() {
    Set<MemberId> accusers = new HashSet<>();
    for (Claim c : evidence) {
      if (c instanceof Suspect s
          && s.subject().equals(subject)
          && s.incarnation() == incarnation
          && !s.accuser().equals(subject)) {
        accusers.add(s.accuser());
      }
    }
    return accusers.size();
  }

  /** True if the evidence meets quorum {@code k}, or is the subject's own leave. */
  public boolean hasEvidence(int k) {
    return isByLeave() || distinctAccusers() >= k;
  }

  @Override
  public int estimatedBytes() {
    int bytes = HEADER_BYTES + subject.encodedSize() + declarer.encodedSize() + 1 + Claim.proofBytes(proof);
    for (Claim c : evidence) {
      bytes += c.estimatedBytes();
    }
    return bytes;
  }
}
