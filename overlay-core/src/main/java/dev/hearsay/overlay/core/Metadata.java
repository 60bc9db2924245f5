package dev.hearsay.overlay.core;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A member's own key/value metadata, in two visibility classes: {@code private} entries are only ever
 * sent to nodes of the member's tenant; {@code shared} entries may also reach nodes of other tenants
 * when the member's tenant shares its membership. Each class travels as one signed {@link Meta}.
 * Bounded, so a member's metadata always fits in one frame.
 */
public record Metadata(SortedMap<String, String> privateEntries, SortedMap<String, String> sharedEntries) {
  /** Entries in both classes together. */
  public static final int MAX_ENTRIES = 32;
  public static final int MAX_KEY_CHARS = 64;
  /** UTF-8 bytes of one value. */
  public static final int MAX_VALUE_BYTES = 256;
  /** Keys are letters, digits, '.', '_' and '-': printable in logs and namespaced by prefix ({@code ops.}). */
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_KEY_CHARS + "}");

  public static final Metadata NONE = new Metadata(Map.of(), Map.of());

  public Metadata(Map<String, String> privateEntries, Map<String, String> sharedEntries) {
    this(sorted(privateEntries), sorted(sharedEntries));
  }

  public Metadata {
    privateEntries = sorted(privateEntries);
    sharedEntries = sorted(sharedEntries);
    if (privateEntries.size() + sharedEntries.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException(
          "metadata has " + (privateEntries.size() + sharedEntries.size()) + " entries; at most " + MAX_ENTRIES);
    }
    for (String key : privateEntries.keySet()) {
      if (sharedEntries.containsKey(key)) {
        throw new IllegalArgumentException("metadata key '" + key + "' is both private and shared");
      }
    }
    checkEntries(privateEntries);
    checkEntries(sharedEntries);
  }

  /** Checks keys and values against the bounds; used for entries decoded from the wire too. */
  public static void checkEntries(Map<String, String> entries) {
    if (entries.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException("metadata has " + entries.size() + " entries; at most " + MAX_ENTRIES);
    }
    for (Map.Entry<String, String> e : entries.entrySet()) {
      if (!KEY.matcher(e.getKey()).matches()) {
        throw new IllegalArgumentException("metadata key '" + e.getKey()
            + "': 1 to " + MAX_KEY_CHARS + " of letters, digits, '.', '_' and '-'");
      }
      if (e.getValue().getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
        throw new IllegalArgumentException("metadata value of '" + e.getKey() + "' is over " + MAX_VALUE_BYTES + " bytes");
      }
    }
  }

  public boolean isEmpty() {
    return privateEntries.isEmpty() && sharedEntries.isEmpty();
  }

  public SortedMap<String, String> entries(boolean shared) {
    return shared ? sharedEntries : privateEntries;
  }

  static SortedMap<String, String> sorted(Map<String, String> entries) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(entries));
  }
}
