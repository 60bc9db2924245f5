package dev.hearsay.cli;

/** Help text shared by every command. */
final class Help {
  static final String EXIT_CODES_HEADING = "%nExit codes:%n";
  static final String EXIT_CODES_HEADING_INLINE = "%nExit codes:";
  static final String EXIT_CODES =
      "  0  success%n"
          + "  1  the command failed: I/O, crypto or network error (stderr says why)%n"
          + "  2  invalid input: bad flag, name, identity or file (stderr says why)";

  private Help() {}
}
