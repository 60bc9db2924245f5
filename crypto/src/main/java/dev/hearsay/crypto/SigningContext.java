package dev.hearsay.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Domain separation for signatures: every signed message is {@code hearsay/v1/<domain>/<kind>},
 * a zero byte, then the payload. A signature made for one kind of claim, or in one overlay, never
 * verifies as another. Neither part may contain the zero byte, so the split is unambiguous.
 */
public final class SigningContext {
  public static final String VERSION_PREFIX = "hearsay/v1/";
  private static final Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

  private final String label;
  private final byte[] prefix;

  private SigningContext(String label) {
    this.label = label;
    byte[] text = label.getBytes(StandardCharsets.US_ASCII);
    this.prefix = Arrays.copyOf(text, text.length + 1);
  }

  public static SigningContext of(String trustDomain, String kind) {
    NodeIdentity.checkTrustDomain(trustDomain);
    if (kind == null || !KIND.matcher(kind).matches()) {
      throw new IllegalArgumentException("signing kind must match " + KIND.pattern() + ": " + kind);
    }
    return new SigningContext(VERSION_PREFIX + trustDomain + "/" + kind);
  }

  /** e.g. {@code hearsay/v1/example.org/alive}. */
  public String label() {
    return label;
  }

  byte[] prefix() {
    return prefix;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SigningContext c && label.equals(c.label);
  }

  @Override
  public int hashCode() {
    return label.hashCode();
  }

  @Override
  public String toString() {
    return label;
  }
}
