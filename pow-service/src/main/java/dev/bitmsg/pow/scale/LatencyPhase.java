package dev.bitmsg.pow.scale;

import dev.bitmsg.pow.client.PowClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Per-job overhead of the path: small jobs one after another, alternately straight to a replica and
 * through the balanced path (proxy or client balancing), so both see the same load; the difference
 * of the medians is what the path adds per job. Used once.
 */
final class LatencyPhase {
  /**
   * Expected trials of a small job: next to nothing, so the wall time is the call's cost rather
   * than the luck of the search.
   */
  static final double SMALL_JOB_TRIALS = 100;

  private static final int WARM_UP = 5;

  /** Median wall time per job, direct and through the path, in ms. Immutable. */
  record Result(double directMs, double viaMs) {
    double overheadMs() {
      return viaMs - directMs;
    }
  }

  Result run(int jobs, List<ReplicaProcess> replicas, PowClient via) throws InterruptedException {
    List<Double> direct = new ArrayList<>();
    List<Double> through = new ArrayList<>();
    for (int i = 0; i < jobs + WARM_UP; i++) {
      double d = time(replicas.get(i % replicas.size()).direct());
      double v = time(via);
      if (i >= WARM_UP) {
        direct.add(d);
        through.add(v);
      }
    }
    return new Result(median(direct), median(through));
  }

  private static double time(PowClient client) throws InterruptedException {
    long t0 = System.nanoTime();
    BenchJob.of(SMALL_JOB_TRIALS).run(client);
    return (System.nanoTime() - t0) / 1e6;
  }

  static double median(List<Double> values) {
    List<Double> v = new ArrayList<>(values);
    Collections.sort(v);
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }
}
