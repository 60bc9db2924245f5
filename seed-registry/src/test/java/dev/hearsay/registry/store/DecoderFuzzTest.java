package dev.hearsay.registry.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.registry.log.ChainHash;
import dev.hearsay.registry.log.EntryCodec;
import dev.hearsay.registry.log.RevocationEntry;
import dev.hearsay.registry.log.RevocationTarget;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Mutated and random bytes fed to the entry and record decoders: each either decodes or is refused
 * with an IllegalArgumentException (entries) or a problem (records); nothing else escapes.
 */
class DecoderFuzzTest {
  private static final long SEED = 0x5eed_2026L;
  private static final int ROUNDS = 20_000;

  private static RevocationEntry sample() {
    return RevocationEntry.create(
        42, RevocationTarget.identity(NodeIdentity.node("example.org", "blue", "n1")), "key leaked",
        Instant.parse("2026-05-06T07:08:09.010Z"), NodeIdentity.operator("example.org", "alice"), ChainHash.GENESIS);
  }

  @Test
  void theEntryDecoderRefusesGarbageCleanly() {
    SplittableRandom random = new SplittableRandom(SEED);
    RevocationEntry entry = sample();
    byte[] valid = EntryCodec.encodeBody(entry);
    int decoded = 0;
    for (int round = 0; round < ROUNDS; round++) {
      byte[] input = mutate(valid, random);
      try {
        RevocationEntry e = EntryCodec.decodeBody(input, entry.hash());
        decoded++;
        // Whatever decodes re-encodes to exactly the same bytes: the encoding is canonical.
        assertTrue(Arrays.equals(input, EntryCodec.encodeBody(e)), "seed " + SEED + " round " + round);
      } catch (IllegalArgumentException expected) {
        // refused with a reason
      } catch (RuntimeException e) {
        fail("seed " + SEED + " round " + round + ": " + e, e);
      }
    }
    assertTrue(decoded > 0, "some mutations (e.g. of the reason text) still decode");
  }

  @Test
  void theRecordReaderNeverThrowsAndNeverAcceptsADamagedRecord() {
    SplittableRandom random = new SplittableRandom(SEED);
    byte[] valid = LogRecordFormat.encode(sample());
    assertTrue(LogRecordFormat.read(valid, 0, valid.length).ok());
    for (int round = 0; round < ROUNDS; round++) {
      byte[] input = mutate(valid, random);
      LogRecordFormat.Read read;
      try {
        read = LogRecordFormat.read(input, 0, input.length);
      } catch (RuntimeException e) {
        fail("seed " + SEED + " round " + round + ": " + e, e);
        return;
      }
      if (read.ok() && !Arrays.equals(Arrays.copyOf(input, read.length()), valid)) {
        fail("seed " + SEED + " round " + round + ": a damaged record passed its checksum");
      }
    }
  }

  @Test
  void theRecordReaderFindsNoWholeRecordInRandomBytes() {
    SplittableRandom random = new SplittableRandom(SEED);
    byte[] noise = new byte[64 * 1024];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (byte) random.nextInt(256);
    }
    assertEquals(-1, LogRecordFormat.nextWholeRecord(noise, 0, noise.length));
  }

  /** Flips, overwrites, truncates or extends a copy of the input. */
  private static byte[] mutate(byte[] valid, SplittableRandom random) {
    byte[] out = valid.clone();
    switch (random.nextInt(4)) {
      case 0 -> out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
      case 1 -> {
        for (int i = random.nextInt(1, 8); i > 0; i--) {
          out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
      }
      case 2 -> out = Arrays.copyOf(out, random.nextInt(out.length));
      default -> {
        out = Arrays.copyOf(out, out.length + random.nextInt(1, 16));
        for (int i = valid.length; i < out.length; i++) {
          out[i] = (byte) random.nextInt(256);
        }
      }
    }
    return out;
  }
}
