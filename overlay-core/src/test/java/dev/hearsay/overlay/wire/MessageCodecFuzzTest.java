package dev.hearsay.overlay.wire;

import static org.junit.jupiter.api.Assertions.fail;

import dev.hearsay.overlay.transport.MalformedFrameException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the frame decoder: valid frames of every type, with bits flipped,
 * bytes inserted or removed, lengths set to extremes, and cut short. Every input must either decode
 * or be refused with {@link MalformedFrameException}; nothing else may escape. The default run is
 * short; {@code -Dhearsay.fuzz.iterations=N} (e.g. with {@code mvn verify -Pfuzz}) runs longer, and
 * {@code -Dhearsay.fuzz.seed=S} replays a run.
 */
class MessageCodecFuzzTest {
  private static final int ITERATIONS = Integer.getInteger("hearsay.fuzz.iterations", 50_000);
  private static final long SEED = Long.getLong("hearsay.fuzz.seed", System.nanoTime());

  @Test
  void decoderOnlyEverRefusesWithAReason() {
    SplittableRandom rng = new SplittableRandom(SEED);
    int decoded = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      int type = rng.nextInt(1, WireSamples.TYPES + 1);
      byte[] valid = WireSamples.encode(new Envelope(WireSamples.SENDER, WireSamples.message(rng, type)));
      byte[] input = mutate(valid, rng);
      try {
        WireSamples.decode(input);
        decoded++;
      } catch (MalformedFrameException expected) {
        if (expected.getMessage() == null || expected.getMessage().isBlank()) {
          fail("rejection without a reason; seed " + SEED + " iteration " + i);
        }
      } catch (RuntimeException | Error e) {
        throw new AssertionError(
            "decoder threw " + e + " (seed " + SEED + ", iteration " + i + ", input " + Arrays.toString(input) + ")", e);
      }
    }
    // Mutations must not all be fatal, or the fuzzer only exercises the first check.
    if (decoded == 0 || decoded == ITERATIONS) {
      fail("degenerate mutation mix: " + decoded + " of " + ITERATIONS + " decoded (seed " + SEED + ")");
    }
  }

  static byte[] mutate(byte[] in, SplittableRandom rng) {
    byte[] b = in.clone();
    int rounds = rng.nextInt(1, 4);
    for (int r = 0; r < rounds && b.length > 0; r++) {
      switch (rng.nextInt(6)) {
        case 0 -> b[rng.nextInt(b.length)] ^= (byte) (1 << rng.nextInt(8));
        case 1 -> b[rng.nextInt(b.length)] = (byte) rng.nextInt(256);
        case 2 -> b = Arrays.copyOf(b, rng.nextInt(b.length));
        case 3 -> {
          int at = rng.nextInt(b.length - 1 < 1 ? 1 : b.length - 1);
          b[at] = (byte) 0xFF;
          if (at + 1 < b.length) {
            b[at + 1] = (byte) 0xFF;
          }
        }
        case 4 -> {
          int at = rng.nextInt(b.length + 1);
          byte[] longer = new byte[b.length + 1];
          System.arraycopy(b, 0, longer, 0, at);
          longer[at] = (byte) rng.nextInt(256);
          System.arraycopy(b, at, longer, at + 1, b.length - at);
          b = longer;
        }
        default -> {
          // leave some inputs valid (decode path)
        }
      }
    }
    return b;
  }
}
