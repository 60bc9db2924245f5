package dev.hearsay.cli;

import dev.hearsay.crypto.Credentials;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.PeerCertificateValidator;
import dev.hearsay.crypto.RevocationCheck;
import dev.hearsay.registry.log.HeadVerifier;
import dev.hearsay.registry.log.SignedHead;
import java.io.IOException;
import java.time.Clock;

/** The CLI believes a registry's head only as a node would: signed by a registry certificate of this overlay. */
final class RegistryHeads {
  private RegistryHeads() {}

  /** The registry that signed the head; @throws IOException saying why the head is not trusted. */
  static NodeIdentity verify(SignedHead head, Credentials credentials) throws IOException {
    HeadVerifier verifier = new HeadVerifier(
        new PeerCertificateValidator(credentials.trustBundle(), credentials.identity().trustDomain(), Clock.systemUTC(), RevocationCheck.NONE));
    try {
      return verifier.verify(head);
    } catch (HeadVerifier.InvalidHeadException e) {
      throw new IOException("the registry's signed head does not verify: " + e.getMessage());
    }
  }
}
