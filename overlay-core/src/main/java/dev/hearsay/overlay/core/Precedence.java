package dev.hearsay.overlay.core;

/**
 * The order between two assertions about the same subject: {@code (incarnation, status)}.
 *
 * <p>REVOKED beats everything forever; otherwise the higher incarnation wins, and at equal incarnation the
 * higher status rank wins (DEAD = LEFT &gt; SUSPECT &gt; ALIVE). Equal precedence does not supersede, so a
 * view keeps the first of two equivalent claims and relays stop.
 */
public record Precedence(long incarnation, Status status) {

  public Precedence {
    if (incarnation < 0) {
      throw new IllegalArgumentException("negative incarnation " + incarnation);
    }
    java.util.Objects.requireNonNull(status, "status");
  }

  /** True if this assertion replaces {@code other} in a view. */
  public boolean supersedes(Precedence other) {
    return supersedes(incarnation, status, other.incarnation, other.status);
  }

  /** Allocation-free form of {@link #supersedes(Precedence)}. */
  public static boolean supersedes(long inc, Status status, long otherInc, Status otherStatus) {
    if (otherStatus == Status.REVOKED) {
      return false;
    }
    if (status == Status.REVOKED) {
      return true;
    }
    if (inc != otherInc) {
      return inc > otherInc;
    }
    return status.rank() > otherStatus.rank();
  }
}
