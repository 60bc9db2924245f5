package dev.hearsay.overlay.claims;

import dev.hearsay.crypto.ClaimSigner;
import dev.hearsay.crypto.Fingerprint;
import dev.hearsay.overlay.transport.MalformedFrameException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * What fills a claim's opaque proof slot: the signer's signature and a reference to the signer's
 * certificate, either the certificate itself (so any node can verify a member it never connected
 * to) or its SHA-256 fingerprint (once the certificate is known).
 *
 * <pre>
 *   [u8 signature length][signature][u8 form: 1 = fingerprint | 2 = certificate]
 *   form 1: [32 bytes fingerprint]       form 2: [u16 length][DER certificate]
 * </pre>
 */
public record ClaimProof(byte[] signature, Fingerprint fingerprint, byte[] certificate) {
  /** A P-256 leaf with hearsay's extensions is well under 1 KiB; this leaves room, and bounds it. */
  public static final int MAX_CERTIFICATE_BYTES = 2048;
  private static final int FINGERPRINT_FORM = 1;
  private static final int CERTIFICATE_FORM = 2;

  public ClaimProof {
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(fingerprint, "fingerprint");
  }

  public static ClaimProof withFingerprint(byte[] signature, Fingerprint fingerprint) {
    return new ClaimProof(signature, fingerprint, null);
  }

  public static ClaimProof withCertificate(byte[] signature, Fingerprint fingerprint, byte[] der) {
    return new ClaimProof(signature, fingerprint, der);
  }

  /**
   * Whether a proof slot names its signer's certificate by fingerprint, read from the form byte
   * alone (no parsing, no hashing): false for one that encloses the certificate, and for one too
   * short to say.
   */
  public static boolean isByFingerprint(byte[] bytes) {
    if (bytes.length == 0) {
      return false;
    }
    int form = 1 + Byte.toUnsignedInt(bytes[0]);
    return form < bytes.length && bytes[form] == FINGERPRINT_FORM;
  }

  public byte[] encode() {
    int size = 1 + signature.length + 1 + (certificate == null ? Fingerprint.LENGTH : 2 + certificate.length);
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put((byte) signature.length).put(signature);
    if (certificate == null) {
      out.put((byte) FINGERPRINT_FORM).put(fingerprint.toBytes());
    } else {
      out.put((byte) CERTIFICATE_FORM).putShort((short) certificate.length).put(certificate);
    }
    return out.array();
  }

  /** Parses a proof slot; the fingerprint of an enclosed certificate is computed, not trusted. */
  public static ClaimProof decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    int sigLength = readU8(in, "signature length");
    if (sigLength == 0 || sigLength > ClaimSigner.MAX_SIGNATURE_LENGTH) {
      throw new MalformedFrameException("proof: signature length " + sigLength + " out of range");
    }
    byte[] signature = read(in, sigLength, "signature");
    int form = readU8(in, "certificate form");
    ClaimProof proof;
    if (form == FINGERPRINT_FORM) {
      proof = withFingerprint(signature, Fingerprint.fromBytes(read(in, Fingerprint.LENGTH, "fingerprint")));
    } else if (form == CERTIFICATE_FORM) {
      if (in.remaining() < 2) {
        throw new MalformedFrameException("proof: certificate length truncated");
      }
      int length = Short.toUnsignedInt(in.getShort());
      if (length == 0 || length > MAX_CERTIFICATE_BYTES) {
        throw new MalformedFrameException("proof: certificate length " + length + " out of range");
      }
      byte[] der = read(in, length, "certificate");
      proof = withCertificate(signature, Fingerprint.ofDer(der), der);
    } else {
      throw new MalformedFrameException("proof: unknown certificate form " + form);
    }
    if (in.hasRemaining()) {
      throw new MalformedFrameException("proof: " + in.remaining() + " trailing bytes");
    }
    return proof;
  }

  private static int readU8(ByteBuffer in, String field) {
    if (!in.hasRemaining()) {
      throw new MalformedFrameException("proof: " + field + " truncated");
    }
    return Byte.toUnsignedInt(in.get());
  }

  private static byte[] read(ByteBuffer in, int length, String field) {
    if (in.remaining() < length) {
      throw new MalformedFrameException("proof: " + field + " truncated");
    }
    byte[] b = new byte[length];
    in.get(b);
    return b;
  }
}
