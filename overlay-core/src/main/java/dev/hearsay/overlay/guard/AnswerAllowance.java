package dev.hearsay.overlay.guard;

/**
 * The allowance of one peer for the answer to the last request this node sent it. Asking again
 * renews it (never adds to it), so however often the peer is asked it has at most one answer's
 * worth in hand. Not thread-safe: {@link PeerState} guards it.
 */
final class AnswerAllowance {
  private long bytesLeft;
  private long claimsLeft;
  private long expiresAt;
  private boolean asked;

  /** This node has just sent the peer a request. */
  void renew(AnswerLimits limits, long now) {
    bytesLeft = limits.bytes();
    claimsLeft = limits.claims();
    expiresAt = now + limits.within().toNanos();
    asked = true;
  }

  /** Takes one answer frame of {@code bytes} if an answer is expected and it fits. */
  boolean takeFrame(long bytes, long now) {
    if (!open(now) || bytes > bytesLeft) {
      return false;
    }
    bytesLeft -= bytes;
    return true;
  }

  /** Whether the {@code n} claims of one answer message fit what is expected. */
  boolean fits(int n, long now) {
    return open(now) && n <= claimsLeft;
  }

  /** Takes the {@code n} claims of one answer message if an answer is expected and they fit. */
  boolean takeClaims(int n, long now) {
    if (!fits(n, now)) {
      return false;
    }
    claimsLeft -= n;
    return true;
  }

  private boolean open(long now) {
    return asked && expiresAt - now > 0;
  }
}
