package dev.hearsay.overlay.claims;

/** The outcome of authenticating one claim. */
public sealed interface ClaimVerdict permits ClaimVerdict.Accepted, ClaimVerdict.Rejected {
  Accepted ACCEPTED = new Accepted();

  boolean accepted();

  record Accepted() implements ClaimVerdict {
    @Override
    public boolean accepted() {
      return true;
    }
  }

  record Rejected(ClaimRejection reason, String detail) implements ClaimVerdict {
    @Override
    public boolean accepted() {
      return false;
    }
  }
}
