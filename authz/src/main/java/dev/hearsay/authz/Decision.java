package dev.hearsay.authz;

import java.util.Objects;

/** The outcome of an authorization question: {@link Allow} or {@link Deny} with a reason. */
public sealed interface Decision permits Decision.Allow, Decision.Deny {

  static Decision allow() {
    return Allow.INSTANCE;
  }

  static Decision deny(DenyReason reason, String detail) {
    return new Deny(reason, detail);
  }

  default boolean isAllowed() {
    return this instanceof Allow;
  }

  /** Allowed. */
  record Allow() implements Decision {
    static final Allow INSTANCE = new Allow();

    @Override
    public String toString() {
      return "allow";
    }
  }

  /**
   * Denied.
   *
   * @param reason machine-readable, for metrics and tests
   * @param detail one human-readable sentence for the log line, naming the principals involved
   */
  record Deny(DenyReason reason, String detail) implements Decision {
    public Deny {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
      return "deny " + reason.tag() + ": " + detail;
    }
  }
}
