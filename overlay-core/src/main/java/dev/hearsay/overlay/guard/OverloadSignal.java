package dev.hearsay.overlay.guard;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.SingleThreadEventExecutor;

/** Says whether the node is itself overloaded, so the guard starts pausing its noisiest peers. */
@FunctionalInterface
public interface OverloadSignal {
  boolean overloaded(EventLoop loop, double inboundBytesPerSecond);

  /**
   * Overloaded when the event loop has more than {@code pendingTasks} tasks waiting (it is not
   * keeping up), or the node receives more than {@code bytesPerSecond} frame bytes per second.
   */
  static OverloadSignal of(int pendingTasks, long bytesPerSecond) {
    return (loop, inbound) -> inbound > bytesPerSecond
        || (loop instanceof SingleThreadEventExecutor e && e.pendingTasks() > pendingTasks);
  }
}
