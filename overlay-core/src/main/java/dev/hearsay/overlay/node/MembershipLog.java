package dev.hearsay.overlay.node;

import dev.hearsay.overlay.core.MembershipEvent;
import java.util.Locale;
import org.slf4j.Logger;

/**
 * Logs a node's membership events: news a line each, and a view catching up one line per answer
 * instead of a line per member. A node joining a cluster learns every member and every departed one
 * (whose tombstones it must hold too), and a line for each, twice for the departed, buried the
 * node's own news under thousands of lines; those members are logged at DEBUG. Used on the node's
 * event loop only.
 */
final class MembershipLog {
  private final Logger log;
  private final String node;
  private int learned;
  private int gone;

  MembershipLog(Logger log, String node) {
    this.log = log;
    this.node = node;
  }

  /** Logs {@code event}: a line of its own if it is news, else counted toward the next {@link #flush}. */
  void log(MembershipEvent event) {
    if (!take(event)) {
      log.info("{}: {} {} (incarnation {})", node, kindOf(event), event.subject().uri(), incarnationOf(event));
    }
  }

  /** Takes a catch-up event (true), or leaves the event to be logged as news (false). */
  boolean take(MembershipEvent event) {
    if (!event.catchUp()) {
      return false;
    }
    if (event.kind() == MembershipEvent.Kind.JOINED) {
      learned++;
    } else if (event.current() != null && event.current().status().isGone()) {
      gone++;
    }
    log.debug("{}: caught up on {} {} (incarnation {})", node, kindOf(event), event.subject().uri(), incarnationOf(event));
    return true;
  }

  /** After a message from {@code peer}: one line for what it taught this view, if anything. */
  void flush(String peer) {
    if (learned > 0 || gone > 0) {
      log.info("{}: caught up from {}: {} members learned, {} departures learned", node, peer, learned, gone);
      learned = 0;
      gone = 0;
    }
  }

  private static String kindOf(MembershipEvent event) {
    return event.kind().name().toLowerCase(Locale.ROOT);
  }

  private static Object incarnationOf(MembershipEvent event) {
    return event.current() == null ? "-" : event.current().incarnation();
  }
}
