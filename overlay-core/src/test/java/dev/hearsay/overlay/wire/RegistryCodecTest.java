package dev.hearsay.overlay.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.overlay.core.RegistryHead;
import dev.hearsay.overlay.core.RevocationEntries;
import dev.hearsay.overlay.core.RevocationPull;
import dev.hearsay.overlay.transport.MalformedFrameException;
import dev.hearsay.registry.log.ChainHash;
import dev.hearsay.registry.log.RevocationEntry;
import dev.hearsay.registry.log.SignedHead;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The registry's messages on the wire: every bound is checked before anything is read, and every bad form is refused with a reason. */
class RegistryCodecTest {
  private final SplittableRandom rng = new SplittableRandom(7);
  private final SignedHead head = WireSamples.head(rng);

  /** A frame of {@code type} from the sample sender, its body written by {@code body}. */
  private static ByteBuf frame(int type, Consumer<ByteBuf> body) {
    ByteBuf buf = Unpooled.buffer();
    byte[] sender = WireSamples.SENDER.uri().getBytes(StandardCharsets.UTF_8);
    buf.writeByte(WireLimits.VERSION).writeByte(type).writeShort(sender.length).writeBytes(sender);
    body.accept(buf);
    return buf;
  }

  private static String refusal(ByteBuf frame) {
    try {
      return assertThrows(MalformedFrameException.class, () -> MessageCodec.decode(frame)).getMessage();
    } finally {
      frame.release();
    }
  }

  private static void headFields(ByteBuf b, long sequence, byte[] hash, int signatureLength, byte[] certificate) {
    b.writeLong(sequence).writeBytes(hash).writeLong(1_700_000_000_000L).writeShort(signatureLength).writeZero(signatureLength)
        .writeShort(certificate.length).writeBytes(certificate);
  }

  @Test
  void anEntryCountAboveTheLimitIsRefusedBeforeAnyEntryIsRead() {
    String m = refusal(frame(MessageCodec.REG_ENTRIES, b -> b.writeShort(WireLimits.MAX_REVOCATION_ENTRIES + 1)));
    assertTrue(m.contains("exceeds the maximum of " + WireLimits.MAX_REVOCATION_ENTRIES), m);
  }

  @Test
  void anEntryBodyAboveTheLimitIsRefusedBeforeItIsRead() {
    String m = refusal(frame(MessageCodec.REG_ENTRIES, b -> b.writeShort(1).writeShort(WireLimits.MAX_ENTRY_BODY_BYTES + 1)));
    assertTrue(m.contains("entry body") && m.contains("exceeds"), m);
  }

  @Test
  void aHeadCertificateOrSignatureAboveItsLimitIsRefused() {
    byte[] hash = head.hash().toBytes();
    String m = refusal(frame(MessageCodec.REG_HEAD, b -> {
      b.writeLong(head.sequence()).writeBytes(hash).writeLong(0).writeShort(WireLimits.MAX_HEAD_SIGNATURE_BYTES + 1);
    }));
    assertTrue(m.contains("head signature") && m.contains("exceeds"), m);
    m = refusal(frame(MessageCodec.REG_HEAD, b -> {
      b.writeLong(head.sequence()).writeBytes(hash).writeLong(0).writeShort(1).writeByte(1)
          .writeShort(WireLimits.MAX_HEAD_CERTIFICATE_BYTES + 1);
    }));
    assertTrue(m.contains("head certificate") && m.contains("exceeds"), m);
  }

  @Test
  void aHeadWhoseCertificateIsNotACertificateIsRefused() {
    byte[] garbage = new byte[300];
    rng.nextBytes(garbage);
    String m = refusal(frame(MessageCodec.REG_HEAD, b -> headFields(b, 5, new byte[ChainHash.LENGTH], 64, garbage)));
    assertTrue(m.startsWith("head certificate"), m);
  }

  @Test
  void anEmptyLogWithAHashOtherThanGenesisIsRefused() {
    byte[] hash = new byte[ChainHash.LENGTH];
    hash[0] = 1;
    String m = refusal(frame(MessageCodec.REG_HEAD, b -> headFields(b, 0, hash, 64, head.certificateDer())));
    assertTrue(m.contains("genesis"), m);
  }

  @Test
  void entriesOutOfOrderOrRepeatedAreRefused() {
    List<RevocationEntry> entries = new ArrayList<>();
    while (entries.size() < 2) {
      entries = WireSamples.entries(rng);
    }
    List<RevocationEntry> reversed = new ArrayList<>(entries.subList(0, 2));
    Collections.reverse(reversed);
    byte[] bytes = WireSamples.encode(new Envelope(WireSamples.SENDER, new RevocationEntries(reversed, head)));
    String m = assertThrows(MalformedFrameException.class, () -> WireSamples.decode(bytes)).getMessage();
    assertTrue(m.contains("does not follow"), m);
    byte[] twice = WireSamples.encode(new Envelope(WireSamples.SENDER, new RevocationEntries(List.of(entries.get(0), entries.get(0)), head)));
    assertTrue(assertThrows(MalformedFrameException.class, () -> WireSamples.decode(twice)).getMessage().contains("does not follow"));
  }

  @Test
  void aPullForNothingOrForMoreThanAMessageHoldsIsRefused() {
    String m = refusal(frame(MessageCodec.REG_PULL, b -> b.writeLong(3).writeShort(0)));
    assertTrue(m.contains("asks for no entries"), m);
    m = refusal(frame(MessageCodec.REG_PULL, b -> b.writeLong(3).writeShort(WireLimits.MAX_REVOCATION_ENTRIES + 1)));
    assertTrue(m.contains("exceeds"), m);
    m = refusal(frame(MessageCodec.REG_PULL, b -> b.writeLong(-1).writeShort(1)));
    assertTrue(m.contains("negative"), m);
    assertEquals(new RevocationPull(3, 64),
        WireSamples.decode(WireSamples.encode(new Envelope(WireSamples.SENDER, new RevocationPull(3, 64)))).message());
  }

  @Test
  void everyTruncationOfEntriesAndHeadIsRefused() {
    List<RevocationEntry> entries = List.of();
    while (entries.isEmpty()) {
      entries = WireSamples.entries(rng);
    }
    byte[] bytes = WireSamples.encode(new Envelope(WireSamples.SENDER, new RevocationEntries(entries, head)));
    for (int cut = 0; cut < bytes.length; cut++) {
      byte[] shorter = java.util.Arrays.copyOf(bytes, cut);
      assertThrows(MalformedFrameException.class, () -> WireSamples.decode(shorter), "cut at " + cut);
    }
  }

  @Test
  void tooManyEntriesAreNeverEncoded() {
    List<RevocationEntry> many = new ArrayList<>();
    while (many.size() <= WireLimits.MAX_REVOCATION_ENTRIES) {
      many.addAll(WireSamples.entries(rng));
    }
    assertThrows(IllegalArgumentException.class, () -> WireSamples.encode(new Envelope(WireSamples.SENDER, new RevocationEntries(many, head))));
  }

  @Test
  void aHeadDecodesToTheSameSignedHead() {
    RegistryHead back = (RegistryHead) WireSamples.decode(WireSamples.encode(new Envelope(WireSamples.SENDER, new RegistryHead(head)))).message();
    assertEquals(head, back.head());
    assertTrue(head.verify(back.head().certificate()));
  }
}
