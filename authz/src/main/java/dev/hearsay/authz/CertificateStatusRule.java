package dev.hearsay.authz;

/**
 * First rule of every decision: nothing a principal with a revoked, expired or unknown certificate
 * signs or asks for is accepted, whatever it is about, its own liveness included. This is what stops
 * a revoked node from rejoining by gossiping its own ALIVE.
 */
final class CertificateStatusRule {
  private CertificateStatusRule() {}

  static Decision check(Principal actor) {
    return switch (actor.status()) {
      case VALID -> Decision.allow();
      case REVOKED -> Decision.deny(DenyReason.SIGNER_REVOKED, actor.identity() + " is revoked");
      case EXPIRED ->
          Decision.deny(DenyReason.SIGNER_EXPIRED, actor.identity() + " has a certificate outside its validity");
      case UNKNOWN ->
          Decision.deny(DenyReason.SIGNER_UNKNOWN, actor.identity() + " has a certificate this node does not know");
    };
  }
}
