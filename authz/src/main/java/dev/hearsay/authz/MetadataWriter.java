package dev.hearsay.authz;

import java.util.Locale;

/** Who may write keys of a metadata namespace. */
public enum MetadataWriter {
  /** The node the entry describes. The only writer of keys outside every namespace. */
  SELF,
  /** Any operator identity ({@code spiffe://<domain>/operator/<name>}). */
  OPERATOR;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
