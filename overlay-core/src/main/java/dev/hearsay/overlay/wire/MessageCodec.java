package dev.hearsay.overlay.wire;

import dev.hearsay.crypto.InvalidIdentityException;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.overlay.core.Ack;
import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Gossip;
import dev.hearsay.overlay.core.MemberPull;
import dev.hearsay.overlay.core.MemberPush;
import dev.hearsay.overlay.core.Meta;
import dev.hearsay.overlay.core.Message;
import dev.hearsay.overlay.core.Nack;
import dev.hearsay.overlay.core.Ping;
import dev.hearsay.overlay.core.PingReq;
import dev.hearsay.overlay.core.PushPullAck;
import dev.hearsay.overlay.core.PushPullAck2;
import dev.hearsay.overlay.core.PushPullSyn;
import dev.hearsay.overlay.core.RegistryHead;
import dev.hearsay.overlay.core.RevocationEntries;
import dev.hearsay.overlay.core.RevocationPull;
import dev.hearsay.overlay.core.ViewDigest;
import dev.hearsay.overlay.transport.MalformedFrameException;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical binary form of a frame: {@code [version u8][type u8][sender][body]}, big-endian,
 * nothing optional, nothing trailing. Types:
 *
 * <pre>
 *   1 PING       seq u64, target, claims
 *   2 PING_REQ   seq u64, target, target address, claims
 *   3 ACK        seq u64, target, claims
 *   4 NACK       seq u64
 *   5 GOSSIP     reply wanted u8, claims
 *   6 SYN        digest root u64, 64 x bucket u32, join u8
 *   7 PP_ACK     bucket mask u64, claims
 *   8 PP_ACK2    claims
 *   9 PULL       subject
 *  10 PUSH       ALIVE claim, metas (u16 count, at most {@link WireLimits#MAX_META_PER_PUSH}, META claims)
 *  11 REG_HEAD   head (see {@link RegistryCodec})
 *  12 REG_PULL   since u64, max u16
 *  13 REG_ENTRIES entries, head
 * </pre>
 *
 * where {@code claims} is a {@code u16} count (at most {@link WireLimits#MAX_CLAIMS_PER_MESSAGE})
 * of {@link ClaimCodec} claims.
 */
public final class MessageCodec {
  static final int PING = 1;
  static final int PING_REQ = 2;
  static final int ACK = 3;
  static final int NACK = 4;
  static final int GOSSIP = 5;
  static final int SYN = 6;
  static final int PP_ACK = 7;
  static final int PP_ACK2 = 8;
  static final int PULL = 9;
  static final int PUSH = 10;
  static final int REG_HEAD = 11;
  static final int REG_PULL = 12;
  static final int REG_ENTRIES = 13;

  private MessageCodec() {}

  public static void encode(Envelope envelope, ByteBuf out) {
    WireWriter w = new WireWriter(out);
    w.u8(WireLimits.VERSION);
    Message m = envelope.message();
    w.u8(typeOf(m));
    w.string(envelope.sender().uri(), WireLimits.MAX_IDENTITY_BYTES, "sender");
    if (m instanceof Ping p) {
      w.u64(p.seq()).string(p.target().uri(), WireLimits.MAX_IDENTITY_BYTES, "target");
      claims(w, p.piggyback());
    } else if (m instanceof PingReq p) {
      w.u64(p.seq())
          .string(p.target().uri(), WireLimits.MAX_IDENTITY_BYTES, "target")
          .string(p.targetAddress(), WireLimits.MAX_ADDRESS_BYTES, "target address");
      claims(w, p.piggyback());
    } else if (m instanceof Ack a) {
      w.u64(a.seq()).string(a.target().uri(), WireLimits.MAX_IDENTITY_BYTES, "target");
      claims(w, a.piggyback());
    } else if (m instanceof Nack n) {
      w.u64(n.seq());
    } else if (m instanceof Gossip g) {
      w.bool(g.replyWanted());
      claims(w, g.claims());
    } else if (m instanceof PushPullSyn syn) {
      w.u64(syn.digest().root());
      for (int bucket : syn.digest().buckets()) {
        w.u32(bucket);
      }
      w.bool(syn.join());
      claims(w, syn.claims());
    } else if (m instanceof PushPullAck a) {
      w.u64(a.bucketMask());
      claims(w, a.claims());
    } else if (m instanceof PushPullAck2 a) {
      claims(w, a.claims());
    } else if (m instanceof MemberPull p) {
      w.string(p.subject().uri(), WireLimits.MAX_IDENTITY_BYTES, "pull subject");
    } else if (m instanceof RegistryHead h) {
      RegistryCodec.writeHead(w, h.head());
    } else if (m instanceof RevocationPull p) {
      RegistryCodec.writePull(w, p);
    } else if (m instanceof RevocationEntries e) {
      RegistryCodec.writeEntries(w, e);
    } else {
      MemberPush p = (MemberPush) m;
      ClaimCodec.write(w, p.alive());
      w.count(p.meta().size(), WireLimits.MAX_META_PER_PUSH, "metas");
      for (Meta meta : p.meta()) {
        ClaimCodec.writeMeta(w, meta);
      }
    }
  }

  /**
   * Whether a frame (length prefix stripped, not yet decoded) says it is a push-pull answer (ACK or
   * ACK2), read from its first two bytes without consuming them. Only a hint for the peer guard,
   * which lets a requested answer past the flood budgets: the frame is still decoded and checked.
   */
  public static boolean isPushPullAnswer(ByteBuf frame) {
    int at = frame.readerIndex();
    if (frame.readableBytes() < 2 || frame.getUnsignedByte(at) != WireLimits.VERSION) {
      return false;
    }
    int type = frame.getUnsignedByte(at + 1);
    return type == PP_ACK || type == PP_ACK2;
  }

  /** Decodes one whole frame; throws {@link MalformedFrameException} naming the first problem. */
  public static Envelope decode(ByteBuf in) {
    WireReader r = new WireReader(in);
    int version = r.u8("version");
    if (version != WireLimits.VERSION) {
      throw new MalformedFrameException("unsupported protocol version " + version + " (this node speaks " + WireLimits.VERSION + ")");
    }
    int type = r.u8("message type");
    NodeIdentity sender = sender(r);
    Message m =
        switch (type) {
          case PING -> new Ping(r.u64("ping seq"), ClaimCodec.identity(r, "ping target"), claims(r));
          case PING_REQ -> new PingReq(
              r.u64("ping-req seq"),
              ClaimCodec.identity(r, "ping-req target"),
              r.string("ping-req target address", WireLimits.MAX_ADDRESS_BYTES),
              claims(r));
          case ACK -> new Ack(r.u64("ack seq"), ClaimCodec.identity(r, "ack target"), claims(r));
          case NACK -> new Nack(r.u64("nack seq"));
          case GOSSIP -> {
            boolean replyWanted = r.bool("gossip reply wanted");
            yield new Gossip(claims(r), replyWanted);
          }
          case SYN -> {
            long root = r.u64("syn digest root");
            int[] buckets = new int[ViewDigest.BUCKETS];
            for (int i = 0; i < buckets.length; i++) {
              buckets[i] = r.u32("syn digest bucket");
            }
            boolean join = r.bool("syn join");
            yield new PushPullSyn(new ViewDigest(root, buckets), join, claims(r));
          }
          case PP_ACK -> {
            long mask = r.u64("push-pull ack mask");
            yield new PushPullAck(mask, claims(r));
          }
          case PP_ACK2 -> new PushPullAck2(claims(r));
          case PULL -> new MemberPull(ClaimCodec.identity(r, "pull subject"));
          case PUSH -> push(r);
          case REG_HEAD -> new RegistryHead(RegistryCodec.readHead(r));
          case REG_PULL -> RegistryCodec.readPull(r);
          case REG_ENTRIES -> RegistryCodec.readEntries(r);
          default -> throw new MalformedFrameException("unknown message type " + type);
        };
    r.end();
    return new Envelope(sender, m);
  }

  static int typeOf(Message m) {
    if (m instanceof Ping) {
      return PING;
    } else if (m instanceof PingReq) {
      return PING_REQ;
    } else if (m instanceof Ack) {
      return ACK;
    } else if (m instanceof Nack) {
      return NACK;
    } else if (m instanceof Gossip) {
      return GOSSIP;
    } else if (m instanceof PushPullSyn) {
      return SYN;
    } else if (m instanceof PushPullAck) {
      return PP_ACK;
    } else if (m instanceof PushPullAck2) {
      return PP_ACK2;
    } else if (m instanceof MemberPull) {
      return PULL;
    } else if (m instanceof RegistryHead) {
      return REG_HEAD;
    } else if (m instanceof RevocationPull) {
      return REG_PULL;
    } else if (m instanceof RevocationEntries) {
      return REG_ENTRIES;
    }
    return PUSH;
  }

  private static MemberPush push(WireReader r) {
    if (!(ClaimCodec.read(r, false) instanceof Alive alive)) {
      throw new MalformedFrameException("member push: the first claim must be an ALIVE");
    }
    int n = r.count("push metas", WireLimits.MAX_META_PER_PUSH);
    List<Meta> metas = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Meta meta = ClaimCodec.readMeta(r);
      if (!meta.subject().equals(alive.subject())) {
        throw new MalformedFrameException("member push: META about " + meta.subject() + " with the ALIVE of " + alive.subject());
      }
      metas.add(meta);
    }
    return new MemberPush(alive, metas);
  }

  private static NodeIdentity sender(WireReader r) {
    String uri = r.string("sender", WireLimits.MAX_IDENTITY_BYTES);
    try {
      return NodeIdentity.parse(uri);
    } catch (InvalidIdentityException e) {
      throw new MalformedFrameException("sender: " + e.getMessage());
    }
  }

  private static void claims(WireWriter w, List<Claim> claims) {
    w.count(claims.size(), WireLimits.MAX_CLAIMS_PER_MESSAGE, "claims");
    for (Claim c : claims) {
      ClaimCodec.write(w, c);
    }
  }

  private static List<Claim> claims(WireReader r) {
    int n = r.count("claim count", WireLimits.MAX_CLAIMS_PER_MESSAGE);
    // Each claim takes well over 8 bytes, so the count is checked against what the frame can hold
    // before any list is sized from it.
    List<Claim> claims = new ArrayList<>(Math.min(n, 64));
    for (int i = 0; i < n; i++) {
      claims.add(ClaimCodec.read(r, false));
    }
    return claims;
  }
}
