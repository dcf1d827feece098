package dev.bitmsg.pow.cli;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.PowEngine;
import dev.bitmsg.pow.PowHandle;
import dev.bitmsg.pow.PowJob;
import dev.bitmsg.pow.PowRules;
import dev.bitmsg.pow.ScanSlice;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Throughput measurements for {@code bm bench pow}: a single-thread scanner driven directly, or a
 * whole engine working on one hopeless job, each after a warm-up. Not thread-safe.
 */
final class PowBenchmark {

  private static final InitialHash HASH =
      InitialHash.ofObjectWithoutNonce("bm bench pow".getBytes(StandardCharsets.US_ASCII));

  /** A target no search meets in a benchmark's time. */
  private static final long HOPELESS = 1;

  private final double seconds;

  PowBenchmark(double seconds) {
    this.seconds = seconds;
  }

  /** Expected trials of a typical msg object (500 bytes, living 4 days) under {@code rules}. */
  static double typicalObjectTrials(PowRules rules) {
    return PowRules.expectedTrials(rules.target(500, 4 * 86400));
  }

  /** Expected trials of a maximal 256 KiB object living 28 days (the worst case). */
  static double largeObjectTrials(PowRules rules) {
    return PowRules.expectedTrials(rules.target(256 * 1024, 28 * 86400));
  }

  /**
   * Trials per second of each scanner on the calling thread: each is warmed up until two
   * consecutive 0.3 s samples agree within 10 % (at most {@code warmupBudgetSeconds}), then they
   * are measured in alternating 0.5 s samples, so that both see the same machine load.
   */
  double[] scannerRates(List<? extends NonceScanner> scanners, double warmupBudgetSeconds) {
    long[][] nonces = new long[scanners.size()][1];
    for (int i = 0; i < scanners.size(); i++) {
      warmUp(scanners.get(i), warmupBudgetSeconds, nonces[i]);
    }
    double[] sums = new double[scanners.size()];
    int rounds = Math.max(1, (int) Math.round(seconds / 0.5));
    double each = seconds / rounds;
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < scanners.size(); i++) {
        sums[i] += scannerSample(scanners.get(i), each, nonces[i]);
      }
    }
    for (int i = 0; i < sums.length; i++) {
      sums[i] /= rounds;
    }
    return sums;
  }

  private static void warmUp(NonceScanner scanner, double budgetSeconds, long[] nonce) {
    long deadline = System.nanoTime() + (long) (budgetSeconds * 1e9);
    double previous = scannerSample(scanner, 0.3, nonce);
    while (System.nanoTime() < deadline) {
      double current = scannerSample(scanner, 0.3, nonce);
      if (current > 0 && Math.abs(current - previous) <= 0.1 * current) {
        return;
      }
      previous = current;
    }
  }

  private static double scannerSample(NonceScanner scanner, double secs, long[] nonce) {
    long start = System.nanoTime();
    long end = start + (long) (secs * 1e9);
    long trials = 0;
    long now;
    do {
      long n = Math.max(1024, Math.min(scanner.trialsPerPass(), 1 << 20));
      trials += scanner.scan(List.of(new ScanSlice(HASH, HOPELESS, nonce[0], n))).get(0).trials();
      nonce[0] += n;
      now = System.nanoTime();
    } while (now < end);
    return trials * 1e9 / (now - start);
  }

  /** Trials per second of a whole engine after {@code warmupSeconds} of work on one job. */
  double engineRate(PowEngine engine, double warmupSeconds) throws InterruptedException {
    PowHandle h = engine.submit(PowJob.randomStart(HASH, HOPELESS));
    try {
      Thread.sleep((long) (warmupSeconds * 1000));
      long t0 = h.progress().trials();
      long n0 = System.nanoTime();
      Thread.sleep((long) (seconds * 1000));
      long t1 = h.progress().trials();
      long n1 = System.nanoTime();
      if (h.result().isCompletedExceptionally()) {
        h.result().join(); // surfaces the engine failure
      }
      return (t1 - t0) * 1e9 / (n1 - n0);
    } finally {
      h.cancel();
    }
  }
}
