package dev.hearsay.registry.store;

/** The log holds as many entries as it is configured to; further revocations are refused. */
public final class LogFullException extends RuntimeException {
  public LogFullException(String message) {
    super(message);
  }
}
