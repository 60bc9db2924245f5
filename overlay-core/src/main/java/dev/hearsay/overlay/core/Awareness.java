package dev.hearsay.overlay.core;

/**
 * Local-health score (Lifeguard): rises when this node misses acks and nacks or must refute a suspicion,
 * falls on each successful probe. A high score means "I am probably the slow one", and stretches this node's
 * own probe interval and timeouts so it accuses less.
 */
final class Awareness {

  private final int max;
  private int score;

  Awareness(int max) {
    this.max = max;
  }

  void apply(int delta) {
    score = Math.max(0, Math.min(max - 1, score + delta));
  }

  int score() {
    return score;
  }

  long scale(long base) {
    return Formulas.awarenessScaledTimeout(base, score);
  }
}
