package dev.bitmsg.pow.service;

import java.time.Duration;

/**
 * How long finished Submit jobs stay visible to Watch and Cancel, bounded three ways: by age, by
 * number and by the bytes of the objects they keep (an object job keeps its object, up to 1.6 MB,
 * to answer a late Watch). Past any bound the oldest finished jobs go first; their ids are then
 * NOT_FOUND. Immutable.
 *
 * @param time how long a finished job is kept ({@code retain-seconds})
 * @param maxJobs at most this many finished jobs are kept ({@code retain-jobs})
 * @param maxBytes the objects of kept finished jobs take at most this many bytes ({@code
 *     retain-bytes})
 */
public record JobRetention(Duration time, int maxJobs, long maxBytes) {
  public JobRetention {
    if (time.isNegative() || time.isZero()) {
      throw new IllegalArgumentException("retain-seconds: must be positive, got " + time);
    }
    if (maxJobs < 0) {
      throw new IllegalArgumentException("retain-jobs: must be >= 0, got " + maxJobs);
    }
    if (maxBytes < 0) {
      throw new IllegalArgumentException("retain-bytes: must be >= 0, got " + maxBytes);
    }
  }

  /** 10 minutes, 1000 jobs, 64 MiB of objects. */
  public static JobRetention defaults() {
    return new JobRetention(Duration.ofMinutes(10), 1000, 64L << 20);
  }
}
