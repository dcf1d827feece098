package dev.bitmsg.pow;

/**
 * The result of checking a whole object's proof of work and lifetime ({@link ObjectPow}): the
 * outcome, a human-readable reason, and, once the PoW was evaluated, the trial value and target
 * (unsigned). Immutable.
 */
public record PowVerdict(Outcome outcome, String reason, long trialValue, long target) {
  /** Why an object passes or fails, in the order they are checked. */
  public enum Outcome {
    VALID,
    /** Shorter than the shortest object header. */
    TOO_SHORT,
    /** Expired more than an hour ago. */
    EXPIRED,
    /** Expires more than 28 days and 3 hours from now. */
    TOO_FAR_IN_FUTURE,
    /** Trial value above the target. */
    INSUFFICIENT_POW
  }

  public boolean valid() {
    return outcome == Outcome.VALID;
  }

  static PowVerdict rejected(Outcome outcome, String reason) {
    return new PowVerdict(outcome, reason, 0, 0);
  }

  @Override
  public String toString() {
    return outcome + ": " + reason;
  }
}
