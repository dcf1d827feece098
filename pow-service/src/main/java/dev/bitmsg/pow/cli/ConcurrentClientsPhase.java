package dev.bitmsg.pow.cli;

import static dev.bitmsg.pow.cli.BenchJobs.SMALL_JOB_TRIALS;
import static dev.bitmsg.pow.cli.BenchJobs.client;
import static dev.bitmsg.pow.cli.BenchJobs.hash;
import static dev.bitmsg.pow.cli.BenchJobs.solve;
import static dev.bitmsg.pow.cli.BenchJobs.targetFor;
import static dev.bitmsg.pow.cli.RawEngineRate.measure;

import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.service.PowGrpcServer;
import dev.bitmsg.pow.service.client.PowServiceClient;
import dev.bitmsg.pow.service.scheduler.EngineSnapshot;
import dev.bitmsg.pow.v1.Priority;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The concurrent-clients phase of {@code ./bm bench service}: throughput against the raw rate and
 * fairness across equal-weight clients.
 */
final class ConcurrentClientsPhase {
  /**
   * Figures of the phase.
   *
   * @param throughputRatio trials through the service over the engines' own rate in the window
   * @param throughputVersusDirect the same over the rate driven directly just before and after
   * @param fairnessJain Jain's index of the trials served to the clients
   */
  record Result(double throughputRatio, double throughputVersusDirect, double fairnessJain) {}

  private final int seconds;
  private final ProgressNotes notes;

  ConcurrentClientsPhase(int seconds, ProgressNotes notes) {
    this.seconds = seconds;
    this.notes = notes;
  }

  /**
   * N clients solving small jobs back to back for the set time: engine trials over the window
   * divided by the raw rate (measured just before and after the window), and Jain's index over the
   * trials each client was served in the window.
   */
  Result run(PowGrpcServer server, String target, List<String> tokens, List<NonceScanner> direct)
      throws Exception {
    long small = targetFor(SMALL_JOB_TRIALS);
    double rawBefore = measure(direct, Duration.ofSeconds(2));
    ExecutorService pool = Executors.newFixedThreadPool(tokens.size());
    List<PowServiceClient> conns = new ArrayList<>();
    try {
      for (String token : tokens) {
        conns.add(client(target, token));
      }
      Map<String, Long> servedBefore = server.scheduler().clientTrials();
      List<EngineSnapshot> before = server.scheduler().engines();
      long start = System.nanoTime();
      long end = start + TimeUnit.SECONDS.toNanos(seconds);
      List<Future<Long>> results = new ArrayList<>();
      for (int i = 0; i < conns.size(); i++) {
        PowServiceClient c = conns.get(i);
        int id = i;
        results.add(
            pool.submit(
                () -> {
                  long done = 0;
                  for (int k = 0; System.nanoTime() < end; k++) {
                    try {
                      c.blocking()
                          .withDeadlineAfter(end - System.nanoTime(), TimeUnit.NANOSECONDS)
                          .solve(solve(hash("c" + id + "-" + k), small, Priority.PRIORITY_BULK));
                    } catch (StatusRuntimeException e) {
                      break; // the window closed during this job
                    }
                    done++;
                  }
                  return done;
                }));
      }
      Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
      List<EngineSnapshot> after = server.scheduler().engines();
      Map<String, Long> servedAfter = server.scheduler().clientTrials();
      double window = (System.nanoTime() - start) / 1e9;
      long jobsDone = 0;
      for (Future<Long> f : results) {
        jobsDone += f.get();
      }
      double rawAfter = measure(direct, Duration.ofSeconds(2));
      double sum = 0;
      double squares = 0;
      for (int i = 0; i < tokens.size(); i++) {
        String name = "client-" + i;
        double x = servedAfter.getOrDefault(name, 0L) - servedBefore.getOrDefault(name, 0L);
        sum += x;
        squares += x * x;
      }
      double jain = squares == 0 ? 0 : sum * sum / (tokens.size() * squares);
      // The raw rate of the same engines in the same window: trials per second inside their
      // scan calls. External load slows both alike, so the ratio measures the service.
      long trials = 0;
      double rawInWindow = 0;
      for (int i = 0; i < after.size(); i++) {
        long dt = after.get(i).trialsTotal() - before.get(i).trialsTotal();
        long busy = after.get(i).busyNanos() - before.get(i).busyNanos();
        trials += dt;
        rawInWindow += busy > 0 ? dt * 1e9 / busy : 0;
      }
      double throughput = trials / window;
      notes.note(
          "%d clients for %d s: %d jobs, %.3g trials/s through the service; engines' own rate in"
              + " the window %.3g; driven directly just before %.3g and after %.3g",
          tokens.size(), seconds, jobsDone, throughput, rawInWindow, rawBefore, rawAfter);
      return new Result(
          rawInWindow > 0 ? throughput / rawInWindow : 0,
          throughput / ((rawBefore + rawAfter) / 2),
          jain);
    } finally {
      pool.shutdownNow();
      conns.forEach(PowServiceClient::close);
    }
  }
}
