package dev.bitmsg.pow.cli;

import static dev.bitmsg.pow.cli.BenchJobs.hash;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.ScanSlice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The baseline of {@code ./bm bench service}: the engines' own rate with no service in between. */
final class RawEngineRate {
  private RawEngineRate() {}

  /** All scanners at once, directly, on a target no nonce meets in practice. */
  static double measure(List<NonceScanner> scanners, Duration d) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(scanners.size());
    try {
      List<Future<Long>> trials = new ArrayList<>();
      long start = System.nanoTime();
      long end = start + d.toNanos();
      InitialHash h = hash("raw-rate");
      for (NonceScanner s : scanners) {
        trials.add(
            pool.submit(
                () -> {
                  long n = 0;
                  long nonce = 0;
                  long pass = Math.max(1, s.trialsPerPass());
                  while (System.nanoTime() < end) {
                    n += s.scan(List.of(new ScanSlice(h, 1, nonce, pass))).get(0).trials();
                    nonce += pass;
                  }
                  return n;
                }));
      }
      long total = 0;
      for (Future<Long> f : trials) {
        total += f.get();
      }
      return total * 1e9 / (System.nanoTime() - start);
    } finally {
      pool.shutdownNow();
    }
  }
}
