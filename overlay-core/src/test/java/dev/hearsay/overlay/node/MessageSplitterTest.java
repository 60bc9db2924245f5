package dev.hearsay.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.Gossip;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.core.Nack;
import dev.hearsay.overlay.core.PushPullAck;
import dev.hearsay.overlay.core.PushPullAck2;
import dev.hearsay.overlay.core.Suspect;
import dev.hearsay.overlay.transport.TransportConfig;
import dev.hearsay.overlay.wire.Envelope;
import dev.hearsay.overlay.wire.MessageCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageSplitterTest {
  private static final int MAX = TransportConfig.defaults().maxFrameBytes();
  private static final NodeIdentity SENDER = NodeIdentity.parse("spiffe://example.org/tenant/blue/node/seed");

  /** ALIVE claims the size of real ones: signature plus an enclosed certificate. */
  private static List<Claim> alives(int n) {
    List<Claim> claims = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      claims.add(new Alive(MemberId.of("example.org", "blue", "node-" + i), 3, "127.0.0.1:" + (7000 + i), 0, new byte[780]));
    }
    return claims;
  }

  private static int encodedBytes(Message m) {
    ByteBuf buf = Unpooled.buffer();
    try {
      MessageCodec.encode(new Envelope(SENDER, m), buf);
      return buf.readableBytes();
    } finally {
      buf.release();
    }
  }

  @Test
  void aJoinAnswerForHundredsOfMembersBecomesFramesThatFitAndLoseNothing() {
    List<Claim> all = alives(400);
    PushPullAck answer = new PushPullAck(0xFFL, all);
    assertTrue(encodedBytes(answer) > MAX, "the unsplit answer must be too big for this test to mean anything");

    List<Message> parts = MessageSplitter.split(answer, MAX);

    assertTrue(parts.size() > 1);
    assertTrue(parts.get(0) instanceof PushPullAck first && first.bucketMask() == 0xFFL);
    List<Claim> carried = new ArrayList<>(((PushPullAck) parts.get(0)).claims());
    for (Message part : parts.subList(1, parts.size())) {
      PushPullAck rest = (PushPullAck) part; // still the answer: merged as anti-entropy, admitted as asked for
      assertEquals(0, rest.bucketMask());
      carried.addAll(rest.claims());
    }
    for (Message part : parts) {
      assertTrue(encodedBytes(part) <= MAX, "part of " + encodedBytes(part) + " bytes");
    }
    assertEquals(all, carried);
  }

  @Test
  void aliveClaimsWithTheirCertificatesTravelBeforeTheAccusationsSignedWithThem() {
    List<Claim> view = new ArrayList<>();
    for (Claim alive : alives(300)) {
      view.add(new Suspect(alive.subject(), 3, MemberId.of("example.org", "blue", "accuser"), new byte[80]));
      view.add(alive);
    }
    List<Message> parts = MessageSplitter.split(new PushPullAck(1L, view), MAX);
    List<Claim> carried = parts.stream().flatMap(p -> ((PushPullAck) p).claims().stream()).toList();
    assertEquals(300, carried.stream().takeWhile(c -> c instanceof Alive).count(), "every ALIVE before any SUSPECT");
    assertEquals(600, carried.size());
  }

  @Test
  void ack2AndGossipSplitTooAndSmallMessagesPassUntouched() {
    assertTrue(MessageSplitter.split(new PushPullAck2(alives(300)), MAX).stream().allMatch(p -> p instanceof PushPullAck2));
    assertTrue(MessageSplitter.split(new Gossip(alives(300), true), MAX).size() > 1);

    Message small = new Gossip(alives(3), true);
    assertSame(small, MessageSplitter.split(small, MAX).get(0));
    Message nack = new Nack(1);
    assertEquals(List.of(nack), MessageSplitter.split(nack, MAX));
  }
}
