package dev.bitmsg.node.net;

/**
 * A budget that refills at {@code rate} per second up to {@code capacity}, starting full. {@link
 * #take} always succeeds and may drive the level below zero: the caller then holds the sender back
 * (stops reading) until {@link #level} is positive again, which spreads a burst over time instead
 * of dropping it. Time comes from the caller (epoch milliseconds of an injected clock). Not
 * thread-safe: each user confines its bucket to one thread or locks around it.
 */
final class TokenBucket {
  private final double ratePerMilli;
  private final double capacity;
  private double level;
  private long atMillis;

  TokenBucket(double ratePerSecond, double capacity, long nowMillis) {
    this.ratePerMilli = ratePerSecond / 1000.0;
    this.capacity = capacity;
    this.level = capacity;
    this.atMillis = nowMillis;
  }

  /** Spends {@code amount}; returns the level after it (negative: over budget). */
  double take(double amount, long nowMillis) {
    refill(nowMillis);
    level -= amount;
    return level;
  }

  /** Spends {@code amount} only if the budget covers it. */
  boolean tryTake(double amount, long nowMillis) {
    refill(nowMillis);
    if (level < amount) {
      return false;
    }
    level -= amount;
    return true;
  }

  double level(long nowMillis) {
    refill(nowMillis);
    return level;
  }

  private void refill(long nowMillis) {
    if (nowMillis > atMillis) {
      level = Math.min(capacity, level + (nowMillis - atMillis) * ratePerMilli);
      atMillis = nowMillis;
    }
  }
}
