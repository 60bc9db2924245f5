package dev.hearsay.overlay.revocation;

import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.registry.log.RevocationEntry;

/**
 * What the node does to a member once a verified entry revokes it: close its connections and show
 * it REVOKED for good. Refusing its handshakes and claims needs nothing here: the trust check
 * consults the revocation set, which has the entry before this is called.
 */
@FunctionalInterface
public interface Enforcement {
  /**
   * @param member the revoked member
   * @param current whether the entry revokes the member's current certificate or its whole identity
   *     (then it leaves the view for good); false for an older certificate of a renewed member
   * @param entry the verified entry
   */
  void revoke(NodeIdentity member, boolean current, RevocationEntry entry);
}
