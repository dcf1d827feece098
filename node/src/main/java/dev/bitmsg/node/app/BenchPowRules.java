package dev.bitmsg.node.app;

import dev.bitmsg.pow.Difficulty;
import dev.bitmsg.pow.PowRules;

/**
 * The proof-of-work rules of the benchmarks' synthetic objects ({@code bench ingest}, {@code bench
 * tls}): the network's target times 2^{@value #BITS}, so that making thousands of objects takes
 * seconds while checking them costs what it costs on the network (target formula, initial hash,
 * trial value). Only the benchmarks use it: {@code node} and {@code demo} run {@link
 * PowRules#NETWORK}, and tests take their eased rules from the PoW module's test fixtures.
 * Immutable.
 */
final class BenchPowRules implements PowRules {
  static final int BITS = 16;
  static final BenchPowRules INSTANCE = new BenchPowRules();

  private BenchPowRules() {}

  @Override
  public long target(long objectLength, long ttlSeconds, Difficulty difficulty) {
    long t = PowRules.NETWORK.target(objectLength, ttlSeconds, difficulty);
    if (t == 0) {
      return 0;
    }
    // Unsigned shift that saturates at 2^64 - 1 instead of wrapping.
    return Long.numberOfLeadingZeros(t) < BITS ? -1L : t << BITS;
  }

  @Override
  public String toString() {
    return "network rules with targets times 2^" + BITS + " (benchmark objects)";
  }
}
