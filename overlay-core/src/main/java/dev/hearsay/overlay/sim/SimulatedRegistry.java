package dev.hearsay.overlay.sim;

import dev.hearsay.crypto.CertificateAuthority;
import dev.hearsay.crypto.IssueRequest;
import dev.hearsay.crypto.KeyMaterial;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.PeerCertificateValidator;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.registry.log.ChainVerifier;
import dev.hearsay.registry.log.HeadVerifier;
import dev.hearsay.registry.log.LogPosition;
import dev.hearsay.registry.log.RevocationEntry;
import dev.hearsay.registry.log.RevocationTarget;
import dev.hearsay.registry.log.SignedHead;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A seed registry's log without its server: real entries in a real hash chain, and heads really
 * signed with a registry key issued by the given CA. What a simulation (or a test) gossips is then
 * exactly what a node would be offered, and nodes verify it with the real {@link ChainVerifier}.
 */
public final class SimulatedRegistry {
  private final CertificateAuthority ca;
  private final KeyMaterial key;
  private final NodeIdentity operator;
  private final List<RevocationEntry> entries = new ArrayList<>();

  public SimulatedRegistry(CertificateAuthority ca) {
    this.ca = ca;
    this.key = ca.issueWithNewKey(IssueRequest.of(NodeIdentity.registry(ca.trustDomain(), "r1")));
    this.operator = NodeIdentity.operator(ca.trustDomain(), "operator");
  }

  /** Appends an entry revoking {@code target} at {@code time}. */
  public RevocationEntry append(RevocationTarget target, String reason, Instant time) {
    RevocationEntry e = RevocationEntry.create(entries.size() + 1, target, reason, time, operator, position().hash());
    entries.add(e);
    return e;
  }

  /** The entries so far, in order. */
  public List<RevocationEntry> entries() {
    return List.copyOf(entries);
  }

  /** The entries after {@code since}. */
  public List<RevocationEntry> entriesAfter(long since) {
    return List.copyOf(entries.subList((int) Math.min(since, entries.size()), entries.size()));
  }

  public LogPosition position() {
    return entries.isEmpty() ? LogPosition.GENESIS : LogPosition.of(entries.get(entries.size() - 1));
  }

  /** The current head, signed at {@code time}. */
  public SignedHead head(Instant time) {
    return SignedHead.sign(position(), time, key);
  }

  /** The head as it was at {@code sequence}, signed at {@code time}. */
  public SignedHead headAt(long sequence, Instant time) {
    LogPosition p = sequence == 0 ? LogPosition.GENESIS : LogPosition.of(entries.get((int) sequence - 1));
    return SignedHead.sign(p, time, key);
  }

  /** The registry's key and certificate. */
  public KeyMaterial key() {
    return key;
  }

  /** A node's verifier: heads must be signed by a registry certificate of this CA, judged at {@code clock}. */
  public ChainVerifier verifier(Clock clock) {
    return new ChainVerifier(new HeadVerifier(new PeerCertificateValidator(ca.trustBundle(), ca.trustDomain(), clock, RevocationCheck.NONE)));
  }
}
