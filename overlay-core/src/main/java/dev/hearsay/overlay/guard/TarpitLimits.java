package dev.hearsay.overlay.guard;

import java.time.Duration;

/**
 * How connections from a banned address are held open unread before they are closed ({@link Tarpit}).
 *
 * @param hold how long each is held
 * @param perAddress held at most from one address; more are closed at once
 * @param total held at most in all (each holds a file descriptor); more are closed at once
 */
public record TarpitLimits(Duration hold, int perAddress, int total) {
  public TarpitLimits {
    if (hold.isNegative() || perAddress < 0 || total < 0) {
      throw new IllegalArgumentException("tarpit limits must not be negative");
    }
  }

  /**
   * 10 s, 8 per address, 64 in all. A client that reconnects as soon as it is refused then waits out
   * its own handshake timeout each time (a few seconds) instead of reconnecting at once: a flooder
   * reconnecting ten times a second was refused about 250 times in 30 s, each waking the event loop
   * for about 0.4 ms. 64 descriptors are little beside a node's connection caps; a client opening
   * more at once than these hold is closed at once, as without a tarpit.
   */
  public static TarpitLimits defaults() {
    return new TarpitLimits(Duration.ofSeconds(10), 8, 64);
  }

  /** No tarpit: every refused connection is closed at once. */
  public static TarpitLimits none() {
    return new TarpitLimits(Duration.ZERO, 0, 0);
  }
}
