package dev.bitmsg.pow.testing;

import dev.bitmsg.pow.Difficulty;
import dev.bitmsg.pow.PowRules;

/**
 * {@link PowRules#NETWORK} with every target multiplied by 2^{@code bits} (saturating at the
 * largest unsigned target), for test networks whose nodes and services must agree on cheaper proof
 * of work. Test code only: production code always runs the network's rules.
 */
public record EasedPowRules(int bits) implements PowRules {
  public EasedPowRules {
    if (bits < 0 || bits > 63) {
      throw new IllegalArgumentException("bits must be 0..63, got " + bits);
    }
  }

  @Override
  public long target(long objectLength, long ttlSeconds, Difficulty difficulty) {
    long t = PowRules.NETWORK.target(objectLength, ttlSeconds, difficulty);
    if (t == 0 || bits == 0) {
      return t;
    }
    return Long.numberOfLeadingZeros(t) < bits ? -1L : t << bits;
  }
}
