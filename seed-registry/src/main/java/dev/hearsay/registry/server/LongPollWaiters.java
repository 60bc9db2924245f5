package dev.hearsay.registry.server;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Pending long-polls, bounded in number. Each is answered once: when the log moves past the sequence
 * it waits after, when its timeout runs out (with no entries), or never if its connection closes.
 */
final class LongPollWaiters {
  /** Answers a waiter with whatever the log holds after its sequence (possibly nothing). */
  interface Answer {
    void answer(Exchange exchange, long since);
  }

  private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
  private final AtomicInteger pending = new AtomicInteger();
  private final int max;
  private final LongSupplier logSequence;
  private final Answer answer;

  LongPollWaiters(int max, LongSupplier logSequence, Answer answer) {
    this.max = max;
    this.logSequence = logSequence;
    this.answer = answer;
  }

  /** False when as many long-polls as allowed are already pending. */
  boolean await(Exchange exchange, long since, Duration timeout) {
    if (pending.incrementAndGet() > max) {
      pending.decrementAndGet();
      return false;
    }
    Waiter w = new Waiter(exchange, since);
    waiters.add(w);
    w.timer = exchange.ctx().executor().schedule(w::fire, timeout.toMillis(), TimeUnit.MILLISECONDS);
    exchange.ctx().channel().closeFuture().addListener(f -> w.cancel());
    // An append between the caller's check and the registration above would otherwise be missed.
    if (logSequence.getAsLong() > since) {
      w.fire();
    }
    return true;
  }

  /** Called after each append. */
  void logMovedTo(long sequence) {
    for (Waiter w : waiters) {
      if (sequence > w.since) {
        w.exchange.ctx().executor().execute(w::fire);
      }
    }
  }

  int pending() {
    return pending.get();
  }

  private final class Waiter {
    final Exchange exchange;
    final long since;
    final AtomicBoolean done = new AtomicBoolean();
    volatile ScheduledFuture<?> timer;

    Waiter(Exchange exchange, long since) {
      this.exchange = exchange;
      this.since = since;
    }

    void fire() {
      if (finish()) {
        answer.answer(exchange, since);
      }
    }

    void cancel() {
      finish();
    }

    private boolean finish() {
      if (!done.compareAndSet(false, true)) {
        return false;
      }
      waiters.remove(this);
      pending.decrementAndGet();
      ScheduledFuture<?> t = timer;
      if (t != null) {
        t.cancel(false);
      }
      return true;
    }
  }
}
