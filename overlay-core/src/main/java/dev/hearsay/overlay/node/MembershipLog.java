package dev.hearsay.overlay.node;

import dev.hearsay.overlay.core.MembershipEvent;
import org.slf4j.Logger;

/**
 * Logs a view catching up as one line per answer instead of a line per member: a node joining a
 * cluster learns every member and every departed one (whose tombstones it must hold too), and a
 * line for each, twice for the departed, buried the node's own news under thousands of lines. The
 * members themselves are logged at DEBUG. Used on the node's event loop only.
 */
final class CatchUpLog {
  private final Logger log;
  private final String node;
  private int learned;
  private int gone;

  CatchUpLog(Logger log, String node) {
    this.log = log;
    this.node = node;
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
    log.debug("{}: caught up on {} {} (incarnation {})", node, event.kind().name().toLowerCase(java.util.Locale.ROOT),
        event.subject().uri(), event.current() == null ? "-" : event.current().incarnation());
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
}
