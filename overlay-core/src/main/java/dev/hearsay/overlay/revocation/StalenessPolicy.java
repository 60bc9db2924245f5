package dev.hearsay.overlay.revocation;

import java.util.Locale;

/** What a node does while its registry head is older than the configured maximum staleness. */
public enum StalenessPolicy {
  /** Keep serving and admitting newcomers; raise the stale gauge and log a warning. */
  OPEN,
  /**
   * Keep serving the members already in the view, refuse everyone else (handshakes and their claims):
   * a node that cannot tell whether a newcomer is revoked does not let it in. A node that starts with
   * no verified head (no persisted log, registry unreachable) is stale from the start, so under this
   * policy it joins no one until it reaches its registry.
   */
  CLOSED;

  /** Parses {@code open} or {@code closed}; the error names the accepted values. */
  public static StalenessPolicy parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("staleness policy must be open or closed, got '" + text + "'");
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
