package dev.hearsay.overlay.transport;

/** A frame whose content cannot be decoded; the message says which field and why. */
public class MalformedFrameException extends RuntimeException {
  public MalformedFrameException(String message) {
    super(message);
  }
}
