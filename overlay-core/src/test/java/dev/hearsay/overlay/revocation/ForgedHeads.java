package dev.hearsay.overlay.revocation;

import dev.hearsay.crypto.ClaimSigner;
import dev.hearsay.crypto.KeyMaterial;
import dev.hearsay.crypto.SigningContext;
import dev.hearsay.registry.log.ChainHash;
import dev.hearsay.registry.log.LogPosition;
import dev.hearsay.registry.log.SignedHead;
import java.nio.ByteBuffer;
import java.time.Instant;

/** Heads an adversary can make: the registry's payload, signed with a key that is not a registry's. */
public final class ForgedHeads {
  private ForgedHeads() {}

  /** A head over {@code position} at {@code time}, signed by {@code signer} (e.g. a node) and carrying its certificate. */
  public static SignedHead signedBy(KeyMaterial signer, LogPosition position, Instant time, String trustDomain) {
    long millis = time.toEpochMilli();
    byte[] payload = ByteBuffer.allocate(1 + 8 + ChainHash.LENGTH + 8)
        .put(SignedHead.PAYLOAD_VERSION).putLong(position.sequence()).put(position.hash().toBytes()).putLong(millis).array();
    byte[] signature = new ClaimSigner(signer.privateKey()).sign(SigningContext.of(trustDomain, SignedHead.SIGNING_KIND), payload);
    return SignedHead.of(position, Instant.ofEpochMilli(millis), signer.certificate(), signature);
  }
}
