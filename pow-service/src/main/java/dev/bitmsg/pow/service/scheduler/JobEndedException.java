package dev.bitmsg.pow.service.scheduler;

/**
 * Completes a {@link Job}'s result when it ends without a nonce: cancelled, expired or failed (see
 * {@link #state()}). Immutable.
 */
public final class JobEndedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final JobState state;

  public JobEndedException(JobState state, String message) {
    super(message);
    if (state != JobState.CANCELLED && state != JobState.EXPIRED && state != JobState.FAILED) {
      throw new IllegalArgumentException("not an unsuccessful end state: " + state);
    }
    this.state = state;
  }

  public JobState state() {
    return state;
  }
}
