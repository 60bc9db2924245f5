package dev.hearsay.registry.client;

import java.io.IOException;

/**
 * A registry call that did not succeed: either the registry answered with an error ({@link #status()}
 * is its HTTP status and {@link #error()} its code, e.g. {@code forbidden}), or there was no usable
 * answer ({@link #status()} is 0 and {@link #error()} says why: {@code timeout}, {@code connection_failed},
 * {@code not_a_registry}, {@code bad_response}, {@code interrupted}).
 */
public final class RegistryException extends IOException {
  private final int status;
  private final String error;
  private final String detail;

  public RegistryException(int status, String error, String detail) {
    this(status, error, detail, null);
  }

  public RegistryException(int status, String error, String detail, Throwable cause) {
    super((status == 0 ? "" : "HTTP " + status + " ") + error + ": " + detail, cause);
    this.status = status;
    this.error = error;
    this.detail = detail;
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  public String detail() {
    return detail;
  }
}
