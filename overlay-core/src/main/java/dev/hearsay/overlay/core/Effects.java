package dev.hearsay.overlay.core;

/** Where the core puts its effects; the runtime (Netty or the simulator) carries them out. */
public interface Effects {

  /** Send {@code message} to the member reachable at {@code address}. Best effort; may be lost. */
  void send(String address, Message message);

  /** Call {@link MembershipCore#onTimer} with {@code timer} at monotonic time {@code at} (nanoseconds). */
  void schedule(long at, Timer timer);

  /** A change in this node's view. */
  void emit(MembershipEvent event);

  /**
   * A probe of {@code member} at {@code address}, sent at {@code sentAt}, got no answer, directly or
   * through helpers. A connection-oriented runtime may close a connection to it that stayed silent since
   * then, so the next message opens a fresh one rather than queueing behind a half-open one.
   */
  default void unanswered(MemberId member, String address, long sentAt) {}

  /** The metadata this node holds about {@code subject} changed (empty: it has none now). */
  default void metadata(MemberId subject, java.util.SortedMap<String, String> entries) {}
}
