package dev.hearsay.overlay.sim;

import java.util.Locale;

/** The experiments the simulator knows how to run. */
public enum Scenario {
  /** One node joins a converged cluster: how fast does everyone learn of it. */
  JOIN,
  /** One node stops: how fast is it declared DEAD, by the first and by all. */
  CRASH,
  /** 1 % of nodes suffer 80 % packet loss: no healthy node may be declared DEAD. */
  LOSSY,
  /** The cluster is cut in two halves, then healed: how fast do views agree again. */
  PARTITION,
  /** f &lt; k malicious nodes accuse honest ones as fast as they may: no honest node may be declared DEAD. */
  ACCUSERS;

  public static Scenario parse(String s) {
    return valueOf(s.trim().toUpperCase(Locale.ROOT));
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
