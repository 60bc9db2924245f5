package dev.hearsay.chaos.adversary;

import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.MemberPull;
import dev.hearsay.overlay.core.MemberPush;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Asking a node for a member's entry, as metadata sync does: once, or until the answer shows a change. */
final class MemberPulls {
  /** How long the adversary waits for an answer, or for the change it is waiting to see. */
  static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration ONE_ANSWER = Duration.ofMillis(500);
  private static final long POLL_MILLIS = 200;

  private MemberPulls() {}

  /** Asks over {@code ch} for {@code subject}'s ALIVE and metadata and returns the answer. */
  static MemberPush pull(Adversary a, Channel ch, MemberId subject) throws Exception {
    a.forget();
    a.send(ch, new MemberPull(subject));
    return a.await(MemberPush.class, p -> p.alive().subject().equals(subject), ANSWER_TIMEOUT);
  }

  /**
   * Asks again and again (every {@value #POLL_MILLIS} ms) until an answer about {@code subject} passes
   * {@code wanted}, for at most {@link #ANSWER_TIMEOUT}; {@code what} names the wait in the failure.
   */
  static MemberPush pullUntil(Adversary a, Channel ch, MemberId subject, Predicate<MemberPush> wanted, String what)
      throws Exception {
    long end = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
    while (true) {
      a.forget();
      a.send(ch, new MemberPull(subject));
      try {
        return a.await(MemberPush.class, p -> p.alive().subject().equals(subject) && wanted.test(p), ONE_ANSWER);
      } catch (IllegalStateException notYet) {
        if (System.nanoTime() - end > 0 || !ch.isActive()) {
          throw new IllegalStateException(what + " not seen within " + ANSWER_TIMEOUT);
        }
      }
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS); // the polling period, not a guess at a delay
    }
  }
}
