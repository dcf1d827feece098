package dev.bitmsg.pow.service.scheduler;

/**
 * A snapshot of one job: its state, the trials its search has done, the search's rate in trials per
 * second (0 while queued), the expected trials of the whole search, how many searches come before
 * it (priority class, then arrival; 0 once running), and its resume point: every nonce from {@code
 * searchedFrom} up to {@code nextNonce} (exclusive, modulo 2^64) was searched without an answer.
 * Immutable.
 */
public record JobProgress(
    JobState state,
    long trials,
    double trialsPerSecond,
    double expectedTrials,
    int queuePosition,
    long searchedFrom,
    long nextNonce) {

  /** Estimated seconds until an answer, or 0 when unknown or finished. */
  public double etaSeconds() {
    if (state.isFinal() || trialsPerSecond <= 0) {
      return 0;
    }
    return Math.max(0, expectedTrials - trials) / trialsPerSecond;
  }
}
