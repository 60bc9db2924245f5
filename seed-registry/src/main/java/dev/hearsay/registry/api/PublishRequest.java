package dev.hearsay.registry.api;

import dev.hearsay.registry.log.RevocationEntry;
import dev.hearsay.registry.log.RevocationTarget;

/** {@code POST /v1/revocations}: {@code {"serial":"<hex>"}} or {@code {"node":"spiffe://..."}}, and an optional {@code "reason"}. */
public record PublishRequest(String serial, String node, String reason) {

  public static PublishRequest of(RevocationTarget target, String reason) {
    return target.kind() == RevocationTarget.Kind.SERIAL
        ? new PublishRequest(target.value(), null, reason)
        : new PublishRequest(null, target.value(), reason);
  }

  /** The validated target; @throws IllegalArgumentException saying what is wrong. */
  public RevocationTarget target() {
    RevocationEntry.checkReason(reason);
    return targetOf(serial, node);
  }

  static RevocationTarget targetOf(String serial, String node) {
    if ((serial == null) == (node == null)) {
      throw new IllegalArgumentException("give exactly one of \"serial\" (certificate serial in hex) and \"node\" (identity URI)");
    }
    return serial != null ? RevocationTarget.serial(serial) : RevocationTarget.identity(node);
  }
}
