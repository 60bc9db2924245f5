package dev.hearsay.overlay.guard;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.overlay.claims.SigningProofSource;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.Gossip;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.core.Ping;
import dev.hearsay.overlay.core.Suspect;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/** The three floods of the flood tests, as message sequences: the i-th frame a flooder sends. */
final class Floods {
  private Floods() {}

  /** The flood kinds by name, for a flooder running in a process of its own. */
  static LongFunction<Message> named(String kind, Credentials flooder, String targetUri, String victimUri) {
    switch (kind) {
      case "frames":
        return validFrames(targetUri);
      case "signatures":
        return invalidSignatures(flooder);
      case "accusations":
        return accusations(flooder, victimUri);
      default:
        throw new IllegalArgumentException("unknown flood " + kind + " (frames, signatures, accusations)");
    }
  }

  /** Valid frames: pings at the target, each of which it would answer. */
  static LongFunction<Message> validFrames(String targetUri) {
    MemberId target = MemberId.parse(targetUri);
    return i -> new Ping(i, target, List.of());
  }

  /** Claims whose signatures do not verify: the flooder's own ALIVE, re-numbered after signing. */
  static LongFunction<Message> invalidSignatures(Credentials flooder) {
    MemberId self = MemberId.parse(flooder.identity().uri());
    byte[] proof = new SigningProofSource(flooder).proofFor(new Alive(self, 0, "127.0.0.1:9", 0, new byte[0]));
    return i -> {
      List<Claim> claims = new ArrayList<>();
      for (int k = 1; k <= 10; k++) {
        claims.add(new Alive(self, i * 10 + k, "127.0.0.1:9", 0, proof));
      }
      return new Gossip(claims, false);
    };
  }

  /** The flooder's own ALIVE, validly signed, at an address where nothing answers: how it becomes a member. */
  static Gossip memberAlive(Credentials flooder) {
    MemberId self = MemberId.parse(flooder.identity().uri());
    Alive alive = new Alive(self, 1, "127.0.0.1:9", 0, new byte[0]);
    return new Gossip(List.of(new Alive(self, 1, "127.0.0.1:9", 0, new SigningProofSource(flooder).proofFor(alive))), false);
  }

  /**
   * Incarnations the accusations name, round and round from 0. An accusation counts only for the
   * incarnation its subject claims at the time; the victim starts at 0, and each accusation that takes
   * makes it refute with the next one, so every few frames one names the current incarnation.
   */
  static final int ACCUSED_INCARNATIONS = 8;
  /**
   * Distinct accusations, each signed anew (ECDSA signatures differ each time): every one is a new
   * claim to the flooded node, to count and verify, until they come round again.
   */
  static final int DISTINCT_ACCUSATIONS = 256;

  /** Validly signed accusations of the victim's first incarnations, after the flooder's own ALIVE. */
  static LongFunction<Message> accusations(Credentials flooder, String victimUri) {
    MemberId self = MemberId.parse(flooder.identity().uri());
    MemberId victim = MemberId.parse(victimUri);
    SigningProofSource signer = new SigningProofSource(flooder);
    Gossip join = memberAlive(flooder);
    List<Claim> signed = new ArrayList<>();
    for (int i = 0; i < DISTINCT_ACCUSATIONS; i++) {
      Suspect s = new Suspect(victim, i % ACCUSED_INCARNATIONS, self, new byte[0]);
      signed.add(new Suspect(victim, s.incarnation(), self, signer.proofFor(s)));
    }
    return i -> i == 0 ? join : new Gossip(List.of(signed.get((int) ((i - 1) % signed.size()))), false);
  }
}
