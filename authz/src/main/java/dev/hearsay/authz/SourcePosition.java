package dev.hearsay.authz;

/** A place in a policy file: 1-based line and column, printed as {@code line:column}. */
public record SourcePosition(int line, int column) {
  static final SourcePosition START = new SourcePosition(1, 1);

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
