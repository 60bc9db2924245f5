package dev.hearsay.overlay.transport;

/** What becomes of an accepted connection before it is registered ({@link AcceptFilter}). */
public enum AcceptVerdict {
  /** Registered and given its pipeline. */
  ADMIT,
  /** Closed at once. */
  CLOSE,
  /** Taken by whoever decided: held open unread, and closed by it later (a tarpit). */
  TAKEN
}
