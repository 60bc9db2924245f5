package dev.hearsay.registry.log;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.PeerCertificateValidator;
import dev.hearsay.crypto.PeerRejectedException;
import dev.hearsay.crypto.Role;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * Decides whether a head is the word of a registry of this overlay: its certificate passes the same
 * validation as a TLS peer (chains to the trust bundle, within validity, in the trust domain, not
 * revoked), names a registry identity, and its key signed the head.
 */
public final class HeadVerifier {
  private final PeerCertificateValidator validator;

  public HeadVerifier(PeerCertificateValidator validator) {
    this.validator = Objects.requireNonNull(validator, "validator");
  }

  /** The registry that signed the head. */
  public NodeIdentity verify(SignedHead head) throws InvalidHeadException {
    NodeIdentity signer;
    try {
      signer = validator.validate(new X509Certificate[] {head.certificate()}, PeerCertificateValidator.Purpose.SERVER);
    } catch (PeerRejectedException e) {
      throw new InvalidHeadException("head certificate is not trusted: " + e.getMessage());
    }
    if (signer.role() != Role.REGISTRY) {
      throw new InvalidHeadException("head is signed by " + signer + ", which is not a registry");
    }
    if (!head.verify(head.certificate())) {
      throw new InvalidHeadException("head signature does not verify with the certificate of " + signer);
    }
    return signer;
  }

  /** Why a head was refused. */
  public static final class InvalidHeadException extends Exception {
    public InvalidHeadException(String message) {
      super(message);
    }
  }
}
