package dev.bitmsg.pow.opencl;

import dev.bitmsg.pow.InitialHash;

/**
 * One row of a search launch's job table: test {@code count} nonces from {@code first} (modulo
 * 2^64) against {@code target} for {@code hash}. {@code count} is below 2^32 because the kernels
 * report offsets as 32-bit values. Immutable.
 */
public record LaunchJob(InitialHash hash, long target, long first, long count) {
  /** Largest count one launch may give a job (offsets are unsigned 32-bit, all-ones is spare). */
  public static final long MAX_COUNT = 0xffff_fffeL;

  public LaunchJob {
    if (hash == null) {
      throw new IllegalArgumentException("hash is required");
    }
    if (count < 1 || count > MAX_COUNT) {
      throw new IllegalArgumentException("launch job count out of range: " + count);
    }
  }
}
