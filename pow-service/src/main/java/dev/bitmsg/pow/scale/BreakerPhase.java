package dev.bitmsg.pow.scale;

import dev.bitmsg.pow.client.PowClient;
import dev.bitmsg.pow.client.ServiceUnavailableException;
import java.util.List;

/**
 * Every replica down: kills those still alive, lets one job find that out (the circuit opens), then
 * times jobs handed back while the circuit is open: what a dead service costs a job before the
 * caller's CPU takes over. Used once, last (it leaves no replica running).
 */
final class BreakerPhase {
  private static final int JOBS = 100;

  /**
   * Figures of the phase. Immutable.
   *
   * @param detectMs the first job's wait until it was handed back (finding every replica down)
   * @param openMeanMs mean time to hand a job back with the circuit open
   * @param openMaxMs longest of those
   * @param circuitOpen whether the client reported its circuit open afterwards
   */
  record Result(double detectMs, double openMeanMs, double openMaxMs, boolean circuitOpen) {}

  Result run(List<ReplicaProcess> replicas, PowClient via) throws InterruptedException {
    for (ReplicaProcess r : replicas) {
      if (r.alive()) {
        r.kill();
      }
    }
    long t0 = System.nanoTime();
    refused(via);
    double detect = (System.nanoTime() - t0) / 1e6;
    long worst = 0;
    long start = System.nanoTime();
    for (int i = 0; i < JOBS; i++) {
      long s = System.nanoTime();
      refused(via);
      worst = Math.max(worst, System.nanoTime() - s);
    }
    double mean = (System.nanoTime() - start) / 1e6 / JOBS;
    return new Result(detect, mean, worst / 1e6, via.circuitOpen());
  }

  private static void refused(PowClient via) throws InterruptedException {
    try {
      BenchJob.of(1e9).run(via);
      throw new IllegalStateException("a job was answered with every replica killed");
    } catch (ServiceUnavailableException expected) {
      // handed back: what the node turns into its CPU fallback
    }
  }
}
