package dev.hearsay.overlay.wire;

import dev.hearsay.crypto.InvalidIdentityException;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.Role;
import dev.hearsay.overlay.core.Alive;
import dev.hearsay.overlay.core.Claim;
import dev.hearsay.overlay.core.Dead;
import dev.hearsay.overlay.core.Leave;
import dev.hearsay.overlay.core.MemberId;
import dev.hearsay.overlay.core.Meta;
import dev.hearsay.overlay.core.Revoked;
import dev.hearsay.overlay.core.Signed;
import dev.hearsay.overlay.core.Suspect;
import dev.hearsay.overlay.transport.MalformedFrameException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical binary form of claims. A claim is {@code [kind u8][body][proof]}; its signed bytes
 * are the same without the proof, so what a signer signed is exactly what every relay forwards.
 *
 * <pre>
 *   ALIVE   1  subject, incarnation u64, address, metadata version u64
 *   SUSPECT 2  subject, incarnation u64, accuser
 *   DEAD    3  subject, incarnation u64, declarer, evidence (count u16, claims: SUSPECT or LEAVE)
 *   LEAVE   4  subject, incarnation u64
 *   META    5  subject, version u64 (&gt; 0), shared u8, entries (count u16, each key, value),
 *              keys strictly ascending
 * </pre>
 *
 * Identities, strings and keys are {@code u16 length + UTF-8}; the proof is {@code u16 length + bytes}.
 * REVOKED comes only from the registry and is never accepted from a peer; META travels only in a
 * member push, never among membership claims.
 */
public final class ClaimCodec {
  static final int ALIVE = 1;
  static final int SUSPECT = 2;
  static final int DEAD = 3;
  static final int LEAVE = 4;
  static final int META = 5;

  private ClaimCodec() {}

  /** The bytes a claim's signer signs: the encoding without the claim's own proof. */
  public static byte[] signedBytes(Signed statement) {
    ByteBuf buf = Unpooled.buffer(256);
    try {
      WireWriter w = new WireWriter(buf);
      if (statement instanceof Meta m) {
        writeMetaBody(w, m);
      } else {
        writeBody(w, (Claim) statement);
      }
      return ByteBufUtil.getBytes(buf);
    } finally {
      buf.release();
    }
  }

  /** The name of a claim kind in signing contexts, e.g. {@code hearsay/v1/<domain>/alive}. */
  public static String kindLabel(Signed claim) {
    if (claim instanceof Meta) {
      return "meta";
    } else if (claim instanceof Alive) {
      return "alive";
    } else if (claim instanceof Suspect) {
      return "suspect";
    } else if (claim instanceof Dead) {
      return "dead";
    } else if (claim instanceof Leave) {
      return "leave";
    }
    return "revoked";
  }

  static void write(WireWriter w, Claim claim) {
    writeBody(w, claim);
    w.bytes(claim.proof(), WireLimits.MAX_PROOF_BYTES, "proof");
  }

  private static void writeBody(WireWriter w, Claim claim) {
    if (claim instanceof Alive a) {
      w.u8(ALIVE);
      identity(w, a.subject());
      w.u64(a.incarnation()).string(a.address(), WireLimits.MAX_ADDRESS_BYTES, "address").u64(a.metaVersion());
    } else if (claim instanceof Suspect s) {
      w.u8(SUSPECT);
      identity(w, s.subject());
      w.u64(s.incarnation());
      identity(w, s.accuser());
    } else if (claim instanceof Dead d) {
      w.u8(DEAD);
      identity(w, d.subject());
      w.u64(d.incarnation());
      identity(w, d.declarer());
      w.count(d.evidence().size(), WireLimits.MAX_EVIDENCE, "evidence");
      for (Claim e : d.evidence()) {
        if (!(e instanceof Suspect || e instanceof Leave)) {
          throw new IllegalArgumentException("DEAD evidence may only be SUSPECT or LEAVE claims");
        }
        write(w, e);
      }
    } else if (claim instanceof Leave l) {
      w.u8(LEAVE);
      identity(w, l.subject());
      w.u64(l.incarnation());
    } else {
      throw new IllegalArgumentException("REVOKED is registry state, never sent as a claim");
    }
  }

  static Claim read(WireReader r, boolean asEvidence) {
    int kind = r.u8("claim kind");
    Claim claim =
        switch (kind) {
          case ALIVE -> new Alive(
              identity(r, "alive subject"),
              r.nonNegative("alive incarnation"),
              address(r),
              r.nonNegative("alive metadata version"),
              proof(r));
          case SUSPECT -> {
            MemberId subject = identity(r, "suspect subject");
            long incarnation = r.nonNegative("suspect incarnation");
            MemberId accuser = identity(r, "suspect accuser");
            if (subject.equals(accuser)) {
              throw new MalformedFrameException("suspect: a member cannot accuse itself");
            }
            yield new Suspect(subject, incarnation, accuser, proof(r));
          }
          case DEAD -> {
            if (asEvidence) {
              throw new MalformedFrameException("dead: evidence may not contain another DEAD");
            }
            MemberId subject = identity(r, "dead subject");
            long incarnation = r.nonNegative("dead incarnation");
            MemberId declarer = identity(r, "dead declarer");
            int n = r.count("dead evidence", WireLimits.MAX_EVIDENCE);
            List<Claim> evidence = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
              Claim e = read(r, true);
              if (!(e instanceof Suspect || e instanceof Leave)) {
                throw new MalformedFrameException("dead evidence " + i + ": only SUSPECT or LEAVE");
              }
              evidence.add(e);
            }
            yield new Dead(subject, incarnation, declarer, evidence, proof(r));
          }
          case LEAVE -> new Leave(identity(r, "leave subject"), r.nonNegative("leave incarnation"), proof(r));
          case META -> throw new MalformedFrameException("meta: travels only in a member push, not among claims");
          default -> throw new MalformedFrameException("unknown claim kind " + kind);
        };
    return claim;
  }

  static void writeMeta(WireWriter w, Meta meta) {
    writeMetaBody(w, meta);
    w.bytes(meta.proof(), WireLimits.MAX_PROOF_BYTES, "proof");
  }

  private static void writeMetaBody(WireWriter w, Meta m) {
    w.u8(META);
    identity(w, m.subject());
    w.u64(m.version()).bool(m.shared());
    w.count(m.entries().size(), WireLimits.MAX_META_ENTRIES, "meta entries");
    for (Map.Entry<String, String> e : m.entries().entrySet()) {
      w.string(e.getKey(), WireLimits.MAX_META_KEY_BYTES, "meta key");
      w.string(e.getValue(), WireLimits.MAX_META_VALUE_BYTES, "meta value");
    }
  }

  static Meta readMeta(WireReader r) {
    int kind = r.u8("meta kind");
    if (kind != META) {
      throw new MalformedFrameException("member push: expected a META claim, got kind " + kind);
    }
    MemberId subject = identity(r, "meta subject");
    long version = r.nonNegative("meta version");
    if (version == 0) {
      throw new MalformedFrameException("meta version: must be positive");
    }
    boolean shared = r.bool("meta shared");
    int n = r.count("meta entries", WireLimits.MAX_META_ENTRIES);
    TreeMap<String, String> entries = new TreeMap<>();
    String previous = null;
    for (int i = 0; i < n; i++) {
      String key = r.string("meta key", WireLimits.MAX_META_KEY_BYTES);
      if (previous != null && key.compareTo(previous) <= 0) {
        throw new MalformedFrameException("meta key '" + key + "': keys must be strictly ascending");
      }
      previous = key;
      entries.put(key, r.string("meta value", WireLimits.MAX_META_VALUE_BYTES));
    }
    byte[] proof = proof(r);
    try {
      return new Meta(subject, version, shared, entries, proof);
    } catch (IllegalArgumentException e) {
      throw new MalformedFrameException("meta: " + e.getMessage());
    }
  }

  private static void identity(WireWriter w, MemberId id) {
    w.string(id.uri(), WireLimits.MAX_IDENTITY_BYTES, "identity");
  }

  /** Strictly validated, and only node identities can be members. */
  static MemberId identity(WireReader r, String field) {
    String uri = r.string(field, WireLimits.MAX_IDENTITY_BYTES);
    NodeIdentity id;
    try {
      id = NodeIdentity.parse(uri);
    } catch (InvalidIdentityException e) {
      throw new MalformedFrameException(field + ": " + e.getMessage());
    }
    if (id.role() != Role.NODE) {
      throw new MalformedFrameException(field + ": " + uri + " is not a node identity");
    }
    return MemberId.parse(id.uri());
  }

  private static String address(WireReader r) {
    String address = r.string("alive address", WireLimits.MAX_ADDRESS_BYTES);
    int colon = address.lastIndexOf(':');
    if (colon <= 0 || colon == address.length() - 1) {
      throw new MalformedFrameException("alive address: expected host:port, got '" + address + "'");
    }
    try {
      int port = Integer.parseInt(address.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw new MalformedFrameException("alive address: port out of range in '" + address + "'");
      }
    } catch (NumberFormatException e) {
      throw new MalformedFrameException("alive address: port is not a number in '" + address + "'");
    }
    return address;
  }

  private static byte[] proof(WireReader r) {
    return r.bytes("proof", WireLimits.MAX_PROOF_BYTES);
  }
}
