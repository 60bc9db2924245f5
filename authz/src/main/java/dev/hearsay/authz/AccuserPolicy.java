package dev.hearsay.authz;

import java.util.Objects;

/**
 * Who may accuse whom and how many distinct accusers make a node DEAD.
 *
 * @param mode which nodes may accuse a subject
 * @param quorum {@code k}: distinct authorized accusers needed for DEAD, at least 1
 * @param monitors how many monitors each subject has in {@code monitors} mode, at least {@code quorum};
 *     0 in the other modes
 */
public record AccuserPolicy(AccuserMode mode, int quorum, int monitors) {

  public static final int DEFAULT_QUORUM = 2;

  public AccuserPolicy {
    Objects.requireNonNull(mode, "mode");
    if (quorum < 1) {
      throw new IllegalArgumentException("quorum must be at least 1: " + quorum);
    }
    if (mode == AccuserMode.MONITORS && monitors < quorum) {
      throw new IllegalArgumentException(
          "monitors (" + monitors + ") must be at least the quorum (" + quorum + ")");
    }
    if (mode != AccuserMode.MONITORS && monitors != 0) {
      throw new IllegalArgumentException("monitors is only used in monitors mode");
    }
  }

  /** Same tenant, {@code k} = 2. */
  public static AccuserPolicy defaults() {
    return new AccuserPolicy(AccuserMode.SAME_TENANT, DEFAULT_QUORUM, 0);
  }
}
