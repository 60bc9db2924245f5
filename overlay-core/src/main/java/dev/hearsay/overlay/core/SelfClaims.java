package dev.hearsay.overlay.core;

import java.util.List;

/**
 * What this node says about itself: its current ALIVE (incarnation, address, metadata), its LEAVE, and its
 * defence against what others say about it: refutation by a higher incarnation, and flap damping when it
 * keeps being declared DEAD or keeps needing to refute while its own health is at its worst.
 */
final class SelfClaims {

  /** Refutations in a row at the worst local-health score after which a member steps back. */
  private static final int STEP_BACK_AFTER_REFUTATIONS = 3;

  private final MemberId self;
  private final String address;
  private final MembershipConfig config;
  private final ProofSource proofs;
  private final MemberTable table;
  private final Disseminator disseminator;
  private final Awareness awareness;

  private Metadata metadata;
  private long metaVersion;
  private List<Meta> metas = List.of();
  private Alive current;
  private boolean left;
  private int deaths;
  private long lastDeathIncarnation = -1;
  private long lastDeathAt;
  private long quarantinedUntil = Long.MIN_VALUE;
  private long pendingRejoinIncarnation = -1;
  private int refutationsAtWorstHealth;

  SelfClaims(MemberId self, String address, Metadata metadata, long startIncarnation, MembershipConfig config,
      ProofSource proofs, MemberTable table, Disseminator disseminator, Awareness awareness) {
    this.self = self;
    this.address = address;
    this.metadata = metadata;
    this.config = config;
    this.proofs = proofs;
    this.table = table;
    this.disseminator = disseminator;
    this.awareness = awareness;
    signMetadata(startIncarnation);
    this.current = signAlive(startIncarnation);
    table.put(self, current, current);
  }

  Alive current() {
    return current;
  }

  /** This node's signed metadata claims (private and shared); none when it has no metadata. */
  List<Meta> metas() {
    return metas;
  }

  Metadata metadata() {
    return metadata;
  }

  boolean hasLeft() {
    return left;
  }

  /** Marks this node as gone (left, or revoked by the registry): it no longer defends itself. */
  void markLeft() {
    left = true;
  }

  /** Announces LEAVE at the current incarnation. */
  void leave() {
    left = true;
    Leave l = new Leave(self, current.incarnation(), new byte[0]);
    l = new Leave(self, l.incarnation(), proofs.proofFor(l));
    table.put(self, current, l);
    disseminator.enqueue(l);
  }

  /** New metadata: signed at the next incarnation, which a fresh ALIVE announces. */
  void updateMetadata(Metadata newMetadata) {
    metadata = newMetadata;
    long next = current.incarnation() + 1;
    signMetadata(next);
    refute(current.incarnation());
  }

  /** False while this node has left, or sits out a flap-damping back-off. */
  boolean mayRefute(long now) {
    return !left && now >= quarantinedUntil;
  }

  /** True if {@code c} is an accusation about us at an incarnation we already out-claimed. */
  boolean isStale(long now, Claim c) {
    return mayRefute(now) && c.subject().equals(self) && c.status() != Status.ALIVE
        && c.status() != Status.REVOKED && c.incarnation() < current.incarnation();
  }

  /** Someone relays an ALIVE about us: a copy from an earlier life or a replay is out-claimed. */
  void onAliveAboutSelf(long now, Alive a) {
    // Our current claim relayed back is a different object with the same content (decoded from the
    // wire): only a different claim at our incarnation or above is a rumour to out-claim.
    boolean ours = a.incarnation() == current.incarnation() && a.address().equals(current.address())
        && a.metaVersion() == current.metaVersion();
    if (!ours && a.incarnation() >= current.incarnation() && mayRefute(now)) {
      refute(a.incarnation());
    }
  }

  /** We are suspected: refute, unless we are the flapping member that should step back. */
  void onSuspectedSelf(long now, Suspect s, Effects out) {
    if (!mayRefute(now) || s.incarnation() < current.incarnation()) {
      return;
    }
    awareness.apply(1);
    if (awareness.score() < config.awarenessMax() - 1) {
      refutationsAtWorstHealth = 0;
    } else if (++refutationsAtWorstHealth >= STEP_BACK_AFTER_REFUTATIONS) {
      stepBack(now, s.incarnation(), out);
      return;
    }
    refute(s.incarnation());
  }

  /**
   * Flap damping. Every distinct death counts, even one we had already out-claimed by refuting the
   * suspicion before it (otherwise a member on a bad link refutes forever and never stays removed). The
   * first death is refuted at once; after that the member stays quiet for a growing back-off (it neither
   * refutes suspicions nor corrects stale peers) and then comes back with a higher incarnation. Deaths are
   * forgotten after a quiet spell of ten base back-offs.
   */
  void onDeclaredDead(long now, Dead d, Effects out) {
    if (left || d.incarnation() <= lastDeathIncarnation) {
      return;
    }
    lastDeathIncarnation = d.incarnation();
    pendingRejoinIncarnation = Math.max(pendingRejoinIncarnation, d.incarnation());
    if (now < quarantinedUntil) {
      return; // already backing off; the rejoin will out-claim this one too
    }
    countDeath(now);
    long wait = Formulas.rejoinBackoff(deaths, config.rejoinBackoff(), config.rejoinBackoffCap());
    if (wait == 0) {
      pendingRejoinIncarnation = -1;
      if (d.incarnation() >= current.incarnation()) {
        refute(d.incarnation());
      }
      return;
    }
    quarantinedUntil = now + wait;
    out.schedule(quarantinedUntil, Timer.REJOIN);
  }

  /**
   * A member whose own health score is at its ceiling and that keeps having to refute suspicions is the
   * flapping member of the Rapid paper's lossy scenario: it can still refute, so plain SWIM never removes it.
   * It steps back instead: it stops refuting for a back-off (counted as a death for flap damping), lets the
   * others declare it DEAD, and comes back afterwards with a higher incarnation.
   */
  private void stepBack(long now, long suspectedIncarnation, Effects out) {
    refutationsAtWorstHealth = 0;
    countDeath(now);
    long wait = Math.max(config.rejoinBackoff(),
        Formulas.rejoinBackoff(deaths, config.rejoinBackoff(), config.rejoinBackoffCap()));
    quarantinedUntil = now + wait;
    pendingRejoinIncarnation = Math.max(pendingRejoinIncarnation, suspectedIncarnation);
    out.schedule(quarantinedUntil, Timer.REJOIN);
  }

  private void countDeath(long now) {
    if (deaths > 0 && now - lastDeathAt > 10 * config.rejoinBackoff()) {
      deaths = 0;
    }
    deaths++;
    lastDeathAt = now;
  }

  /** The back-off is over: come back above everything said about us meanwhile. */
  void onRejoin(long now) {
    if (pendingRejoinIncarnation < 0 || left || now < quarantinedUntil) {
      return;
    }
    long inc = pendingRejoinIncarnation;
    pendingRejoinIncarnation = -1;
    refute(inc);
  }

  boolean isWaitingToRejoin() {
    return pendingRejoinIncarnation >= 0;
  }

  /** Out-claims anything said about us at {@code claimed} or below with a fresh ALIVE. */
  private void refute(long claimed) {
    long next = Math.max(claimed, current.incarnation()) + 1;
    current = signAlive(next);
    table.put(self, current, current);
    disseminator.enqueue(current);
  }

  private Alive signAlive(long incarnation) {
    Alive unsigned = new Alive(self, incarnation, address, metaVersion, new byte[0]);
    return new Alive(self, incarnation, address, metaVersion, proofs.proofFor(unsigned));
  }

  /**
   * Signs the metadata as of {@code incarnation}. The version is one more than that incarnation, so it
   * grows with every change and every restart (a restarted node starts above its last incarnation),
   * and 0 stays free to mean "no metadata".
   */
  private void signMetadata(long incarnation) {
    if (metadata.isEmpty()) {
      metaVersion = 0;
      metas = List.of();
      return;
    }
    metaVersion = incarnation + 1;
    metas = List.of(signMeta(false), signMeta(true));
  }

  private Meta signMeta(boolean shared) {
    Meta unsigned = new Meta(self, metaVersion, shared, metadata.entries(shared), new byte[0]);
    return new Meta(self, metaVersion, shared, metadata.entries(shared), proofs.proofFor(unsigned));
  }
}
