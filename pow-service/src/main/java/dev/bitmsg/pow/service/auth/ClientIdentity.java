package dev.bitmsg.pow.service.auth;

/**
 * A caller of the service and its limits: fair-share {@code weight}, at most {@code
 * maxConcurrentJobs} unfinished jobs, at most {@code maxExpectedTrialsPerJob} expected trials (2^64
 * / (target + 1)) per job, and at most {@code trialsPerHour} expected trials admitted in any
 * sliding hour. {@link Long#MAX_VALUE} means no limit. Immutable.
 */
public record ClientIdentity(
    String name,
    double weight,
    int maxConcurrentJobs,
    long maxExpectedTrialsPerJob,
    long trialsPerHour) {
  public static final String ANONYMOUS = "local";

  public ClientIdentity {
    if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException(
          "client name must be 1-64 of [A-Za-z0-9._-], got '" + name + "'");
    }
    if (!(weight > 0) || weight > 1_000_000) {
      throw new IllegalArgumentException("weight must be in (0, 1e6], got " + weight);
    }
    if (maxConcurrentJobs < 1) {
      throw new IllegalArgumentException("max-jobs must be >= 1, got " + maxConcurrentJobs);
    }
    if (maxExpectedTrialsPerJob < 1) {
      throw new IllegalArgumentException(
          "max-trials-per-job must be >= 1, got " + maxExpectedTrialsPerJob);
    }
    if (trialsPerHour < 1) {
      throw new IllegalArgumentException("trials-per-hour must be >= 1, got " + trialsPerHour);
    }
  }

  /** The caller of a server without a tokens file: weight 1 and no per-client limits. */
  public static ClientIdentity anonymous() {
    return new ClientIdentity(ANONYMOUS, 1, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
  }
}
