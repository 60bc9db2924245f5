package dev.hearsay.overlay.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.Dead;
import dev.hearsay.overlay.core.Gossip;
import dev.hearsay.overlay.core.Leave;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.MemberPush;
import dev.hearsay.overlay.core.Meta;
import dev.hearsay.overlay.core.Nack;
import dev.hearsay.overlay.core.Suspect;
import dev.hearsay.overlay.transport.MalformedFrameException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageCodecTest {
  private static final MemberId A = MemberId.of("example.org", "blue", "a");
  private static final MemberId B = MemberId.of("example.org", "blue", "b");

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13})
  void everyMessageTypeRoundTripsToTheSameBytes(int type) {
    SplittableRandom rng = new SplittableRandom(type);
    for (int i = 0; i < 200; i++) {
      Envelope e = new Envelope(WireSamples.SENDER, WireSamples.message(rng, type));
      byte[] bytes = WireSamples.encode(e);
      Envelope decoded = WireSamples.decode(bytes);
      assertEquals(e.sender(), decoded.sender());
      assertEquals(e.message().getClass(), decoded.message().getClass());
      assertArrayEquals(bytes, WireSamples.encode(decoded), "type " + type + " sample " + i);
    }
  }

  @Test
  void signedBytesExcludeTheProofAndAreStable() {
    Alive unsigned = new Alive(A, 7, "127.0.0.1:7001", 42, new byte[0]);
    Alive signed = new Alive(A, 7, "127.0.0.1:7001", 42, new byte[] {1, 2, 3});
    assertArrayEquals(ClaimCodec.signedBytes(unsigned), ClaimCodec.signedBytes(signed));
    assertTrue(ClaimCodec.signedBytes(new Alive(A, 8, "127.0.0.1:7001", 42, new byte[0])).length > 0);
    assertTrue(!java.util.Arrays.equals(
        ClaimCodec.signedBytes(unsigned), ClaimCodec.signedBytes(new Alive(A, 8, "127.0.0.1:7001", 42, new byte[0]))));
  }

  @Test
  void metaSignedBytesCoverEveryEntryButNotTheProof() {
    Meta meta = new Meta(A, 3, false, Map.of("zone", "eu-1", "rack", "r7"), new byte[] {1});
    assertArrayEquals(ClaimCodec.signedBytes(meta), ClaimCodec.signedBytes(new Meta(A, 3, false, meta.entries(), new byte[] {2})));
    assertFalse(Arrays.equals(ClaimCodec.signedBytes(meta),
        ClaimCodec.signedBytes(new Meta(A, 3, false, Map.of("zone", "eu-2", "rack", "r7"), new byte[0]))));
    assertFalse(Arrays.equals(ClaimCodec.signedBytes(meta), ClaimCodec.signedBytes(new Meta(A, 3, true, meta.entries(), new byte[0]))));
    assertEquals("meta", ClaimCodec.kindLabel(meta));
  }

  @Test
  void metaAmongMembershipClaimsIsRefused() {
    byte[] push = WireSamples.encode(new Envelope(WireSamples.SENDER,
        new MemberPush(new Alive(A, 1, "127.0.0.1:1", 2, new byte[] {1}), List.of(new Meta(A, 2, true, Map.of(), new byte[] {1})))));
    // The same META bytes placed where a gossip claim goes.
    byte[] metaBytes = encodedMeta(new Meta(A, 2, true, Map.of(), new byte[] {1}));
    ByteBuf buf = Unpooled.buffer();
    buf.writeByte(WireLimits.VERSION).writeByte(MessageCodec.GOSSIP);
    byte[] sender = WireSamples.SENDER.uri().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    buf.writeShort(sender.length).writeBytes(sender).writeByte(0).writeShort(1).writeBytes(metaBytes);
    MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> MessageCodec.decode(buf));
    assertTrue(e.getMessage().contains("only in a member push"), e.getMessage());
    buf.release();
    assertEquals(MemberPush.class, WireSamples.decode(push).message().getClass());
  }

  @Test
  void metaWithKeysOutOfOrderOrAboutAnotherMemberIsRefused() {
    byte[] sorted = encodedMeta(new Meta(A, 2, false, Map.of("a", "1", "b", "2"), new byte[] {1}));
    String text = new String(sorted, java.nio.charset.StandardCharsets.ISO_8859_1);
    byte[] swapped = text.replace("\u0000\u0001a\u0000\u00011\u0000\u0001b\u0000\u00012", "\u0000\u0001b\u0000\u00012\u0000\u0001a\u0000\u00011")
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertFalse(Arrays.equals(sorted, swapped), "the test failed to reorder the keys");
    MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> ClaimCodec.readMeta(new WireReader(Unpooled.wrappedBuffer(swapped))));
    assertTrue(e.getMessage().contains("strictly ascending"), e.getMessage());

    MemberPush mixed = new MemberPush(new Alive(A, 1, "127.0.0.1:1", 2, new byte[] {1}), List.of(new Meta(B, 2, true, Map.of(), new byte[] {1})));
    byte[] bytes = WireSamples.encode(new Envelope(WireSamples.SENDER, mixed));
    e = assertThrows(MalformedFrameException.class, () -> WireSamples.decode(bytes));
    assertTrue(e.getMessage().contains("META about"), e.getMessage());
  }

  @Test
  void metaOverItsBoundsIsRefused() {
    Map<String, String> many = new TreeMap<>();
    for (int i = 0; i <= WireLimits.MAX_META_ENTRIES; i++) {
      many.put("k" + i, "v");
    }
    assertThrows(IllegalArgumentException.class, () -> new Meta(A, 1, false, many, new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> new Meta(A, 1, false, Map.of("bad key", "v"), new byte[0]));
    assertThrows(IllegalArgumentException.class,
        () -> new Meta(A, 1, false, Map.of("k", "x".repeat(WireLimits.MAX_META_VALUE_BYTES + 1)), new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> new Meta(A, 0, false, Map.of(), new byte[0]));
  }

  private static byte[] encodedMeta(Meta meta) {
    ByteBuf buf = Unpooled.buffer();
    try {
      ClaimCodec.writeMeta(new WireWriter(buf), meta);
      return io.netty.buffer.ByteBufUtil.getBytes(buf);
    } finally {
      buf.release();
    }
  }

  @Test
  void deadEvidenceKeepsItsOwnSignatures() {
    Suspect s = new Suspect(A, 3, B, new byte[] {9, 9});
    Dead d = new Dead(A, 3, B, List.of(s), new byte[] {7});
    Dead back = (Dead) ((Gossip) WireSamples.decode(WireSamples.encode(new Envelope(WireSamples.SENDER, new Gossip(List.of(d), false)))).message()).claims().get(0);
    assertArrayEquals(new byte[] {9, 9}, back.evidence().get(0).proof());
    assertArrayEquals(new byte[] {7}, back.proof());
  }

  @Test
  void unknownVersionIsRefusedWithItsNumber() {
    byte[] bytes = WireSamples.encode(new Envelope(WireSamples.SENDER, new Nack(1)));
    bytes[0] = 2;
    MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> WireSamples.decode(bytes));
    assertTrue(e.getMessage().contains("unsupported protocol version 2"), e.getMessage());
  }

  @Test
  void unknownMessageTypeIsRefused() {
    byte[] bytes = WireSamples.encode(new Envelope(WireSamples.SENDER, new Nack(1)));
    bytes[1] = 99;
    MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> WireSamples.decode(bytes));
    assertTrue(e.getMessage().contains("unknown message type 99"), e.getMessage());
  }

  @Test
  void trailingBytesAreRefused() {
    byte[] bytes = WireSamples.encode(new Envelope(WireSamples.SENDER, new Nack(1)));
    byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
    MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> WireSamples.decode(longer));
    assertTrue(e.getMessage().contains("trailing"), e.getMessage());
  }

  @Test
  void everyTruncationIsRefused() {
    byte[] bytes = WireSamples.encode(new Envelope(WireSamples.SENDER,
        new Gossip(List.of(new Alive(A, 1, "127.0.0.1:1", 0, new byte[] {1}), new Leave(B, 2, new byte[0])), true)));
    for (int cut = 0; cut < bytes.length; cut++) {
      byte[] shorter = java.util.Arrays.copyOf(bytes, cut);
      assertThrows(MalformedFrameException.class, () -> WireSamples.decode(shorter), "cut at " + cut);
    }
  }

  @Test
  void claimCountAboveTheLimitIsRefusedBeforeReadingClaims() {
    ByteBuf buf = Unpooled.buffer();
    buf.writeByte(WireLimits.VERSION).writeByte(MessageCodec.GOSSIP);
    byte[] sender = WireSamples.SENDER.uri().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    buf.writeShort(sender.length).writeBytes(sender).writeByte(0).writeShort(WireLimits.MAX_CLAIMS_PER_MESSAGE + 1);
    MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> MessageCodec.decode(buf));
    assertTrue(e.getMessage().contains("exceeds the maximum of " + WireLimits.MAX_CLAIMS_PER_MESSAGE), e.getMessage());
    buf.release();
  }

  @Test
  void tooManyClaimsAreNeverEncoded() {
    List<Claim> many = new ArrayList<>();
    for (int i = 0; i <= WireLimits.MAX_CLAIMS_PER_MESSAGE; i++) {
      many.add(new Leave(A, i, new byte[0]));
    }
    assertThrows(IllegalArgumentException.class, () -> WireSamples.encode(new Envelope(WireSamples.SENDER, new Gossip(many, false))));
  }

  @Test
  void nonNodeIdentitiesAndSelfAccusationsAreRefused() {
    byte[] leave = WireSamples.encode(new Envelope(WireSamples.SENDER, new Gossip(List.of(new Leave(A, 1, new byte[0])), false)));
    String asText = new String(leave, java.nio.charset.StandardCharsets.ISO_8859_1)
        .replace("spiffe://example.org/tenant/blue/node/a", "spiffe://example.org/operator/xxxxxxxxxxxxxx");
    // same length, so only the identity changes
    MalformedFrameException e = assertThrows(MalformedFrameException.class,
        () -> WireSamples.decode(asText.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
    assertTrue(e.getMessage().contains("not a node identity"), e.getMessage());

    byte[] suspect = WireSamples.encode(new Envelope(WireSamples.SENDER, new Gossip(List.of(new Suspect(A, 1, B, new byte[0])), false)));
    String selfAccusing = new String(suspect, java.nio.charset.StandardCharsets.ISO_8859_1)
        .replace("spiffe://example.org/tenant/blue/node/b", "spiffe://example.org/tenant/blue/node/a");
    e = assertThrows(MalformedFrameException.class,
        () -> WireSamples.decode(selfAccusing.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
    assertTrue(e.getMessage().contains("cannot accuse itself"), e.getMessage());
  }

  @Test
  void negativeIncarnationIsRefused() {
    byte[] bytes = WireSamples.encode(new Envelope(WireSamples.SENDER, new Gossip(List.of(new Leave(A, 5, new byte[0])), false)));
    // the incarnation is the 8 bytes after the subject: find the 0x...05 and set its sign bit
    for (int i = bytes.length - 1; i >= 8; i--) {
      if (bytes[i] == 5 && bytes[i - 7] == 0) {
        bytes[i - 7] = (byte) 0x80;
        break;
      }
    }
    MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> WireSamples.decode(bytes));
    assertTrue(e.getMessage().contains("negative"), e.getMessage());
  }
}
