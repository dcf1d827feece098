package dev.bitmsg.pow;

/**
 * Learns a scanner's trial rate from its own passes, to size the next pass so that it takes about
 * {@link #PASS_NANOS}. Thread-safe (a racy but harmless volatile estimate).
 */
final class RateMeter {
  /** The duration one pass should take: short enough for prompt cancellation. */
  static final long PASS_NANOS = 20_000_000L;

  private static final long MIN_TRIALS = 1024;
  private static final long MAX_TRIALS = 1L << 30;

  private volatile double trialsPerNano;

  /** Starts from a guess of {@code initialRate} trials per second. */
  RateMeter(double initialRate) {
    this.trialsPerNano = initialRate / 1e9;
  }

  void reset(double trialsPerSecond) {
    this.trialsPerNano = trialsPerSecond / 1e9;
  }

  void record(long trials, long nanos) {
    if (trials < MIN_TRIALS || nanos <= 0) {
      return; // too short to tell anything
    }
    double sample = (double) trials / nanos;
    // Smoothed, so that one descheduled pass does not halve the next one.
    trialsPerNano = 0.7 * trialsPerNano + 0.3 * sample;
  }

  double trialsPerSecond() {
    return trialsPerNano * 1e9;
  }

  long trialsPerPass() {
    long n = (long) (trialsPerNano * PASS_NANOS);
    return Math.max(MIN_TRIALS, Math.min(MAX_TRIALS, n));
  }
}
