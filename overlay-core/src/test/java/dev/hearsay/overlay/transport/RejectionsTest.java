package dev.hearsay.overlay.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RejectionsTest {
  private final AtomicLong now = new AtomicLong(5_000_000_000L);
  private final Rejections rejections = new Rejections(new SimpleMeterRegistry(), "test.rejections", "Frames", now::get);

  @Test
  void everyRejectionIsCountedButADetailIsBuiltOnlyForALoggedLine() {
    AtomicInteger built = new AtomicInteger();
    for (int i = 0; i < 1000; i++) {
      now.addAndGet(1_000_000L); // 1000 rejections over one second: one line logged
      rejections.reject("dropped_frame_rate", null, "/127.0.0.1:1", () -> "frame " + built.incrementAndGet());
    }
    assertEquals(1000, rejections.count("dropped_frame_rate"));
    assertEquals(1, built.get(), "details built");
    now.addAndGet(Rejections.LOG_INTERVAL_NANOS);
    rejections.reject("dropped_frame_rate", null, "/127.0.0.1:1", () -> "frame " + built.incrementAndGet());
    assertEquals(2, built.get(), "a second later the next line is logged, with its detail");
  }
}
