package dev.hearsay.registry.api;

import dev.hearsay.registry.log.ChainHash;
import dev.hearsay.registry.log.LogPosition;
import dev.hearsay.registry.log.SignedHead;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * A signed head on the wire: {@code {"sequence":5, "hash":"<64 hex>", "time":"<ISO-8601>",
 * "registry":"spiffe://.../registry/r1", "certificate":"<base64 DER>", "signature":"<base64 DER>"}}.
 * {@code registry} is informational; the identity that counts is the certificate's.
 */
public record HeadJson(long sequence, String hash, String time, String registry, String certificate, String signature) {

  public static HeadJson from(SignedHead head) {
    return new HeadJson(
        head.sequence(),
        head.hash().hex(),
        head.time().toString(),
        dev.hearsay.crypto.NodeIdentity.fromCertificate(head.certificate()).uri(),
        Base64.getEncoder().encodeToString(head.certificateDer()),
        Base64.getEncoder().encodeToString(head.signature()));
  }

  /** The head as sent, unverified; @throws IllegalArgumentException naming the bad field. */
  public SignedHead toHead() {
    if (hash == null || time == null || certificate == null || signature == null) {
      throw new IllegalArgumentException("head lacks one of hash, time, certificate, signature");
    }
    try {
      return SignedHead.of(
          new LogPosition(sequence, ChainHash.parseHex(hash)),
          Instant.parse(time),
          SignedHead.parseCertificate(Base64.getDecoder().decode(certificate)),
          Base64.getDecoder().decode(signature));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("head has an unreadable time");
    }
  }
}
