package dev.bitmsg.pow;

import java.security.SecureRandom;

/**
 * One nonce search: find a nonce whose trial value for {@code initialHash} is at most {@code
 * target} (unsigned), scanning upwards from {@code startNonce} with 64-bit wrap-around. Immutable.
 */
public record PowJob(InitialHash initialHash, long target, long startNonce) {
  private static final SecureRandom RANDOM = new SecureRandom();

  public PowJob {
    if (initialHash == null) {
      throw new IllegalArgumentException("initialHash is required");
    }
    if (target == 0) {
      throw new IllegalArgumentException("target 0 has (almost) no solution");
    }
  }

  /** A job starting at a random 64-bit nonce, the default for real work. */
  public static PowJob randomStart(InitialHash initialHash, long target) {
    return new PowJob(initialHash, target, RANDOM.nextLong());
  }

  /** Expected number of trials to find a solution ({@link PowRules#expectedTrials}). */
  public double expectedTrials() {
    return PowRules.expectedTrials(target);
  }
}
