package dev.hearsay.registry.log;

import dev.hearsay.crypto.InvalidIdentityException;
import dev.hearsay.crypto.NodeIdentity;
import dev.hearsay.crypto.Role;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a revocation applies to: one certificate (by serial) or a whole identity (every certificate
 * that names it, including renewed ones). Values are normalized so the same target always compares
 * equal: serials are lower-case hex without leading zeros, as {@code BigInteger.toString(16)} prints
 * them; identities are the canonical URI.
 */
public final class RevocationTarget {
  /** RFC 5280 serials are at most 20 octets. */
  public static final int MAX_SERIAL_HEX_DIGITS = 40;
  private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

  public enum Kind {
    SERIAL((byte) 1),
    IDENTITY((byte) 2);

    final byte code;

    Kind(byte code) {
      this.code = code;
    }

    static Kind ofCode(byte code) {
      for (Kind k : values()) {
        if (k.code == code) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown revocation target kind " + code);
    }
  }

  private final Kind kind;
  private final String value;

  private RevocationTarget(Kind kind, String value) {
    this.kind = kind;
    this.value = value;
  }

  /** A certificate serial in hex (an optional {@code 0x} prefix, colons and upper case are accepted). */
  public static RevocationTarget serial(String hex) {
    if (hex == null || hex.isBlank()) {
      throw new IllegalArgumentException("serial is empty");
    }
    String s = hex.strip().toLowerCase(Locale.ROOT).replace(":", "");
    if (s.startsWith("0x")) {
      s = s.substring(2);
    }
    if (s.isEmpty() || s.length() > MAX_SERIAL_HEX_DIGITS + 2 || !HEX.matcher(s).matches()) {
      throw new IllegalArgumentException("serial must be at most " + MAX_SERIAL_HEX_DIGITS + " hex digits: " + abbreviate(hex));
    }
    String normalized = new BigInteger(s, 16).toString(16);
    if (normalized.length() > MAX_SERIAL_HEX_DIGITS) {
      throw new IllegalArgumentException("serial must be at most " + MAX_SERIAL_HEX_DIGITS + " hex digits: " + abbreviate(hex));
    }
    return new RevocationTarget(Kind.SERIAL, normalized);
  }

  public static RevocationTarget serialOf(X509Certificate certificate) {
    return serial(certificate.getSerialNumber().toString(16));
  }

  /**
   * A whole identity. Registries cannot be revoked through their own log: a compromised registry key
   * is rotated with the CA, not revoked by gossip.
   */
  public static RevocationTarget identity(NodeIdentity identity) {
    Objects.requireNonNull(identity, "identity");
    if (identity.role() == Role.REGISTRY) {
      throw new IllegalArgumentException("a registry identity cannot be revoked through the registry log: " + identity);
    }
    return new RevocationTarget(Kind.IDENTITY, identity.uri());
  }

  /** Parses an identity URI; {@link InvalidIdentityException} (an IllegalArgumentException) names the problem. */
  public static RevocationTarget identity(String uri) {
    return identity(NodeIdentity.parse(uri));
  }

  static RevocationTarget decode(Kind kind, String value) {
    RevocationTarget target = kind == Kind.SERIAL ? serial(value) : identity(value);
    if (!target.value.equals(value)) {
      throw new IllegalArgumentException("revocation target is not in canonical form: " + abbreviate(value));
    }
    return target;
  }

  public Kind kind() {
    return kind;
  }

  /** The normalized serial hex or identity URI. */
  public String value() {
    return value;
  }

  /** Whether a certificate (or the identity it names) falls under this revocation. */
  public boolean matches(X509Certificate certificate, NodeIdentity identity) {
    return switch (kind) {
      case SERIAL -> certificate != null && value.equals(certificate.getSerialNumber().toString(16));
      case IDENTITY -> identity != null && value.equals(identity.uri());
    };
  }

  private static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "...";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RevocationTarget t && kind == t.kind && value.equals(t.value);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + value.hashCode();
  }

  /** {@code serial:<hex>} or {@code identity:<uri>}. */
  @Override
  public String toString() {
    return kind.name().toLowerCase(Locale.ROOT) + ":" + value;
  }
}
