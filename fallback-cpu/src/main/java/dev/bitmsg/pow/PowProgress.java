package dev.bitmsg.pow;

/**
 * A snapshot of a running search: trials done so far and the current rate in trials per second (0
 * before the first measurement). Immutable.
 */
public record PowProgress(long trials, double trialsPerSecond) {
  public static final PowProgress NONE = new PowProgress(0, 0);
}
