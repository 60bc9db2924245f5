package dev.hearsay.bench.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.overlay.core.Gossip;
import dev.hearsay.overlay.wire.Envelope;
import org.junit.jupiter.api.Test;

/** Runs every benchmark method once on its real fixture, so a broken benchmark fails the build, not the run. */
class MicroBenchmarksSmokeTest {

  @Test
  void codec() {
    CodecBenchmark b = new CodecBenchmark();
    b.setup();
    assertEquals(b.frameBytes, b.encodeGossip8());
    Envelope decoded = b.decodeGossip8();
    assertEquals(8, ((Gossip) decoded.message()).claims().size());
  }

  @Test
  void signatures() {
    SignatureBenchmark b = new SignatureBenchmark();
    b.setup();
    assertTrue(b.sign().length > 0);
    assertTrue(b.verify());
    assertTrue(b.verifyCacheHit().accepted());
  }

  @Test
  void digest() {
    for (int members : new int[] {1000, 10000}) {
      DigestBenchmark b = new DigestBenchmark();
      b.members = members;
      b.setup();
      assertNotEquals(0L, b.digestAndCompare());
    }
  }

  @Test
  void coreSteps() {
    CoreStepBenchmark b = new CoreStepBenchmark();
    b.setup();
    long sent = b.effects.sent;
    b.onPing();
    assertEquals(sent + 1, b.effects.sent, "a ping is answered with one ack");
    b.probeRound();
    assertTrue(b.effects.lastPing != null, "a probe round sends a ping");
  }
}
