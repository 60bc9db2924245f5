package dev.hearsay.overlay.wire;

import dev.hearsay.crypto.IssueRequest;
import dev.hearsay.crypto.KeyMaterial;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.TestPki;
import dev.hearsay.overlay.core.Ack;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.Dead;
import dev.hearsay.overlay.core.Gossip;
import dev.hearsay.overlay.core.Leave;
import dev.hearsay.overlay.core.MemberId;
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
import dev.hearsay.overlay.core.Suspect;
import dev.hearsay.overlay.core.ViewDigest;
import dev.hearsay.registry.log.ChainHash;
import dev.hearsay.registry.log.LogPosition;
import dev.hearsay.registry.log.RevocationEntry;
import dev.hearsay.registry.log.RevocationTarget;
import dev.hearsay.registry.log.SignedHead;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/** Random valid messages of every type, for round-trip and mutation tests. */
final class WireSamples {
  static final NodeIdentity SENDER = NodeIdentity.parse("spiffe://example.org/tenant/blue/node/sender");
  /** Every message type, 1 to this. */
  static final int TYPES = MessageCodec.REG_ENTRIES;
  private static final NodeIdentity OPERATOR = NodeIdentity.operator(TestPki.DOMAIN, "alice");
  private static final TestPki PKI = new TestPki();
  private static final KeyMaterial REGISTRY = PKI.ca.issueWithNewKey(IssueRequest.of(NodeIdentity.registry(TestPki.DOMAIN, "r1")));
  /** Signing is slow next to encoding: a few real heads, reused. */
  private static final List<SignedHead> HEADS = heads();

  private WireSamples() {}

  static MemberId member(RandomGenerator rng) {
    return MemberId.of("example.org", rng.nextBoolean() ? "blue" : "green", "n" + rng.nextInt(1000));
  }

  static byte[] proof(RandomGenerator rng) {
    byte[] p = new byte[rng.nextInt(0, 73)];
    rng.nextBytes(p);
    return p;
  }

  static Claim claim(RandomGenerator rng) {
    MemberId subject = member(rng);
    long inc = rng.nextLong(0, Long.MAX_VALUE);
    switch (rng.nextInt(4)) {
      case 0:
        return alive(rng, subject);
      case 1:
        return new Suspect(subject, inc, other(rng, subject), proof(rng));
      case 2: {
        List<Claim> evidence = new ArrayList<>();
        int k = rng.nextInt(1, 4);
        for (int i = 0; i < k; i++) {
          evidence.add(new Suspect(subject, inc, MemberId.of("example.org", "blue", "accuser" + i), proof(rng)));
        }
        return new Dead(subject, inc, other(rng, subject), evidence, proof(rng));
      }
      default:
        return new Leave(subject, inc, proof(rng));
    }
  }

  static Alive alive(RandomGenerator rng, MemberId subject) {
    return new Alive(subject, rng.nextLong(0, Long.MAX_VALUE), "127.0.0.1:" + rng.nextInt(1, 65536),
        rng.nextLong(0, Long.MAX_VALUE), proof(rng));
  }

  static Meta meta(RandomGenerator rng, MemberId subject, boolean shared) {
    Map<String, String> entries = new TreeMap<>();
    int n = rng.nextInt(0, 5);
    for (int i = 0; i < n; i++) {
      entries.put("k" + rng.nextInt(100), rng.nextBoolean() ? "v" + rng.nextInt() : "zürich-" + i);
    }
    return new Meta(subject, rng.nextLong(1, Long.MAX_VALUE), shared, entries, proof(rng));
  }

  private static MemberId other(RandomGenerator rng, MemberId not) {
    MemberId m;
    do {
      m = member(rng);
    } while (m.equals(not));
    return m;
  }

  static List<Claim> claims(RandomGenerator rng) {
    List<Claim> claims = new ArrayList<>();
    int n = rng.nextInt(0, 6);
    for (int i = 0; i < n; i++) {
      claims.add(claim(rng));
    }
    return claims;
  }

  private static List<SignedHead> heads() {
    List<SignedHead> heads = new ArrayList<>();
    heads.add(SignedHead.sign(LogPosition.GENESIS, Instant.ofEpochMilli(1_700_000_000_000L), REGISTRY));
    java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
    for (int i = 1; i <= 3; i++) {
      byte[] hash = new byte[ChainHash.LENGTH];
      rng.nextBytes(hash);
      heads.add(SignedHead.sign(new LogPosition(i * 1000L, ChainHash.of(hash)), Instant.ofEpochMilli(1_700_000_000_000L + i), REGISTRY));
    }
    return List.copyOf(heads);
  }

  static SignedHead head(RandomGenerator rng) {
    return HEADS.get(rng.nextInt(HEADS.size()));
  }

  /** A run of well-formed entries (not a valid chain: the codec does not judge that). */
  static List<RevocationEntry> entries(RandomGenerator rng) {
    List<RevocationEntry> entries = new ArrayList<>();
    long sequence = rng.nextLong(1, 1_000_000);
    int n = rng.nextInt(0, 4);
    for (int i = 0; i < n; i++) {
      byte[] prev = new byte[ChainHash.LENGTH];
      rng.nextBytes(prev);
      RevocationTarget target = rng.nextBoolean()
          ? RevocationTarget.identity(NodeIdentity.node(TestPki.DOMAIN, "blue", "n" + rng.nextInt(1000)))
          : RevocationTarget.serial(Long.toHexString(rng.nextLong(1, Long.MAX_VALUE)));
      entries.add(RevocationEntry.create(sequence + i, target, rng.nextBoolean() ? "" : "key leaked " + i,
          Instant.ofEpochMilli(rng.nextLong(0, 4_000_000_000_000L)), OPERATOR, ChainHash.of(prev)));
    }
    return entries;
  }

  static Message message(RandomGenerator rng, int type) {
    return switch (type) {
      case MessageCodec.REG_HEAD -> new RegistryHead(head(rng));
      case MessageCodec.REG_PULL -> new RevocationPull(rng.nextLong(0, Long.MAX_VALUE), rng.nextInt(1, WireLimits.MAX_REVOCATION_ENTRIES + 1));
      case MessageCodec.REG_ENTRIES -> new RevocationEntries(entries(rng), head(rng));
      case MessageCodec.PING -> new Ping(rng.nextLong(), member(rng), claims(rng));
      case MessageCodec.PING_REQ -> new PingReq(rng.nextLong(), member(rng), "10.0.0.1:7001", claims(rng));
      case MessageCodec.ACK -> new Ack(rng.nextLong(), member(rng), claims(rng));
      case MessageCodec.NACK -> new Nack(rng.nextLong());
      case MessageCodec.GOSSIP -> new Gossip(claims(rng), rng.nextBoolean());
      case MessageCodec.SYN -> {
        int[] buckets = new int[ViewDigest.BUCKETS];
        for (int i = 0; i < buckets.length; i++) {
          buckets[i] = rng.nextInt();
        }
        boolean join = rng.nextBoolean();
        yield new PushPullSyn(new ViewDigest(rng.nextLong(), buckets), join, join ? List.of(alive(rng, member(rng))) : List.of());
      }
      case MessageCodec.PP_ACK -> new PushPullAck(rng.nextLong(), claims(rng));
      case MessageCodec.PULL -> new MemberPull(member(rng));
      case MessageCodec.PUSH -> {
        MemberId subject = member(rng);
        List<Meta> metas = new ArrayList<>();
        if (rng.nextBoolean()) {
          metas.add(meta(rng, subject, false));
          metas.add(meta(rng, subject, true));
        }
        yield new MemberPush(alive(rng, subject), metas);
      }
      default -> new PushPullAck2(claims(rng));
    };
  }

  static byte[] encode(Envelope e) {
    ByteBuf buf = Unpooled.buffer();
    try {
      MessageCodec.encode(e, buf);
      return ByteBufUtil.getBytes(buf);
    } finally {
      buf.release();
    }
  }

  static Envelope decode(byte[] bytes) {
    ByteBuf buf = Unpooled.wrappedBuffer(bytes);
    try {
      return MessageCodec.decode(buf);
    } finally {
      buf.release();
    }
  }
}
