package dev.bitmsg.pow.service.scheduler;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowRules;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * What a caller asks the {@link Scheduler} for: a nonce whose trial value for {@code initialHash}
 * is at most {@code target} (unsigned, non-zero), in class {@code priority}, for {@code client},
 * given up after {@code timeout}, scanning up from {@code startNonce} (random when empty).
 * Immutable.
 */
public record JobSpec(
    InitialHash initialHash,
    long target,
    JobPriority priority,
    ClientShare client,
    Duration timeout,
    OptionalLong startNonce) {
  public JobSpec(
      InitialHash initialHash,
      long target,
      JobPriority priority,
      ClientShare client,
      Duration timeout) {
    this(initialHash, target, priority, client, timeout, OptionalLong.empty());
  }

  public JobSpec {
    if (initialHash == null
        || priority == null
        || client == null
        || timeout == null
        || startNonce == null) {
      throw new IllegalArgumentException(
          "initialHash, priority, client, timeout and startNonce are required");
    }
    if (target == 0) {
      throw new IllegalArgumentException("target must not be 0");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
  }

  /** Expected trials to find a solution: 2^64 / (target + 1), target unsigned. */
  public double expectedTrials() {
    return PowRules.expectedTrials(target);
  }
}
