package dev.bitmsg.pow.cli;

import static dev.bitmsg.pow.cli.BenchJobs.SMALL_JOB_TRIALS;
import static dev.bitmsg.pow.cli.BenchJobs.client;
import static dev.bitmsg.pow.cli.BenchJobs.hash;
import static dev.bitmsg.pow.cli.BenchJobs.solve;
import static dev.bitmsg.pow.cli.BenchJobs.targetFor;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowJob;
import dev.bitmsg.pow.PowSolution;
import dev.bitmsg.pow.SlicedPowEngine;
import dev.bitmsg.pow.service.client.PowServiceClient;
import dev.bitmsg.pow.v1.GetInfoRequest;
import dev.bitmsg.pow.v1.Priority;
import dev.bitmsg.pow.v1.SolveResponse;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** The overhead phase of {@code ./bm bench service}: what the service adds to one small job. */
final class OverheadPhase {
  /**
   * Figures of the phase.
   *
   * @param overheadMsPerJob client-side time per small job minus the engine time spent on it
   * @param versusDirectMedianMs median difference to the same search on the engines driven directly
   * @param roundTripMs mean time of a trivial call (GetInfo), for context
   */
  record Result(double overheadMsPerJob, double versusDirectMedianMs, double roundTripMs) {}

  private final int jobs;
  private final ProgressNotes notes;

  OverheadPhase(int jobs, ProgressNotes notes) {
    this.jobs = jobs;
    this.notes = notes;
  }

  /**
   * Per small job, client-side time through the service minus the engine time the service spent on
   * it ({@code engine_ms}: its share of the scan passes): everything the service adds (transport,
   * admission, scheduling, gaps between passes). As a cross-check, the median difference to the
   * same search (same hash, target and first nonce) on the engines driven directly, alternated with
   * the service runs; that one is at the mercy of other load.
   */
  Result run(String target, String token, SlicedPowEngine baseline) throws Exception {
    long small = targetFor(SMALL_JOB_TRIALS);
    SecureRandom random = new SecureRandom();
    try (PowServiceClient c = client(target, token)) {
      warmUp(c, small);
      long v0 = System.nanoTime();
      for (int i = 0; i < 200; i++) {
        c.blocking().getInfo(GetInfoRequest.getDefaultInstance());
      }
      double roundTripMs = (System.nanoTime() - v0) / 200.0 / 1e6;
      notes.note("GetInfo round trip: %.2f ms", roundTripMs);
      long e0 = System.nanoTime();
      for (int i = 0; i < 20; i++) {
        c.blocking().solve(solve(hash("tiny-" + i), targetFor(10), Priority.PRIORITY_INTERACTIVE));
      }
      notes.note("tiny Solve round trip: %.2f ms", (System.nanoTime() - e0) / 20.0 / 1e6);
      double nonScan = 0;
      double serverSide = 0;
      double[] versusDirect = new double[jobs];
      long trials = 0;
      for (int i = 0; i < jobs; i++) {
        InitialHash h = hash("small-" + i);
        long start = random.nextLong();
        long t0 = System.nanoTime();
        PowSolution direct = baseline.submit(new PowJob(h, small, start)).result().get();
        double directMs = (System.nanoTime() - t0) / 1e6;
        Thread.sleep(100); // let the direct engine's pass in flight drain: no overlap
        long t1 = System.nanoTime();
        SolveResponse r =
            c.blocking()
                .solve(
                    solve(h, small, Priority.PRIORITY_INTERACTIVE).toBuilder()
                        .setStartNonce(start)
                        .build());
        double serviceMs = (System.nanoTime() - t1) / 1e6;
        Thread.sleep(100);
        nonScan += serviceMs - r.getEngineMs();
        serverSide += r.getElapsedMs() - r.getEngineMs();
        // Baseline: the direct run's own rate applied to the trials this run needed (the two
        // runs may stop at different nonces when several threads search one slice).
        versusDirect[i] = serviceMs - r.getTrials() * directMs / Math.max(1, direct.trials());
        trials += r.getTrials();
      }
      double mean = Arrays.stream(versusDirect).average().orElse(0);
      double[] sorted = versusDirect.clone();
      Arrays.sort(sorted);
      double median = sorted[jobs / 2];
      notes.note(
          "%d small jobs: %.3g trials on average; through the service minus driven directly:"
              + " mean %.1f ms, median %.1f ms; time outside scan calls %.1f ms per job (%.1f ms of"
              + " it inside the server)",
          jobs, (double) trials / jobs, mean, median, nonScan / jobs, serverSide / jobs);
      return new Result(nonScan / jobs, median, roundTripMs);
    }
  }

  /**
   * Not counted: until the JIT has compiled the gRPC, Netty and scheduler paths (thousands of
   * calls) a trivial call takes ~3 ms instead of ~0.2 ms, which says nothing about a service that
   * has been up for a while. Trivial calls and tiny solves for a few seconds, then a few small
   * jobs.
   */
  private static void warmUp(PowServiceClient c, long small) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    for (int i = 0; System.nanoTime() < end && i < 20_000; i++) {
      c.blocking().getInfo(GetInfoRequest.getDefaultInstance());
      c.blocking().solve(solve(hash("warm-up-" + i), targetFor(10), Priority.PRIORITY_INTERACTIVE));
    }
    for (int i = 0; i < 3; i++) {
      c.blocking().solve(solve(hash("warm-up-small-" + i), small, Priority.PRIORITY_INTERACTIVE));
    }
  }
}
