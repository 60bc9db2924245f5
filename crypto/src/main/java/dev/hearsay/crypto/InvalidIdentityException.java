package dev.hearsay.crypto;

/** A string or certificate that is not a well-formed hearsay identity; the message says why. */
public final class InvalidIdentityException extends IllegalArgumentException {
  public InvalidIdentityException(String reason) {
    super(reason);
  }
}
