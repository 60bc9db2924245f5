package dev.hearsay.overlay.core;

import java.util.List;

/** The node-level operations that {@link Prober} and {@link AntiEntropy} call back into. */
interface NodeContext {

  boolean hasLeft();

  /** This node's current ALIVE, signed. */
  Alive ownAlive();

  /** Claims to piggyback on a message to {@code peer} (null: any peer), within the byte budget. */
  List<Claim> piggybackFor(MemberId peer);

  List<Claim> piggybackFor(MemberId peer, List<Claim> exclude);

  /** Claims for an answer to {@code peer}: as {@link #piggybackFor(MemberId, List)}, paced per peer. */
  List<Claim> answerFor(long now, MemberId peer, List<Claim> exclude);

  /** {@code claims}, preceded by our DEAD verdict on {@code peer} if we hold one (so it can refute). */
  List<Claim> withDeathNotice(MemberId peer, List<Claim> claims);

  /** Applies gossiped claims, re-broadcasting what is new. */
  void mergeGossip(long now, String fromAddress, List<Claim> claims, Effects out);

  /** Applies one verified claim; true if the view changed. */
  boolean apply(long now, Claim claim, boolean rebroadcast, Effects out);

  /** Who may be told about whom. */
  MemberVisibility visibility();

  /** Whether {@code peer} (null: a peer not known yet) may be told about {@code subject}. */
  boolean visibleTo(MemberId peer, MemberId subject);

  /** Whether the accusation policy lets this node accuse {@code target}. */
  boolean mayAccuse(MemberId target);

  /** Accuses {@code target} after a failed probe. */
  void accuse(long now, MemberId target, Effects out);
}
