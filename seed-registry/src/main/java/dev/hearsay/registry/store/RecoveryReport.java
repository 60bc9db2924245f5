package dev.hearsay.registry.store;

/**
 * What opening the log found: how many entries it holds, and whether a torn or corrupt tail (an
 * append that was never acknowledged) had to be cut off.
 */
public record RecoveryReport(long entries, long truncatedBytes, long truncatedAtOffset, String detail) {
  public static RecoveryReport clean(long entries) {
    return new RecoveryReport(entries, 0, -1, "");
  }

  public boolean truncated() {
    return truncatedBytes > 0;
  }

  @Override
  public String toString() {
    return truncated()
        ? entries + " entries; cut " + truncatedBytes + " bytes of a torn tail at offset " + truncatedAtOffset + " (" + detail + ")"
        : entries + " entries; clean";
  }
}
