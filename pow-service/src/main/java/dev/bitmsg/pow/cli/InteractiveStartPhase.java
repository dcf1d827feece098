package dev.bitmsg.pow.cli;

import static dev.bitmsg.pow.cli.BenchJobs.client;
import static dev.bitmsg.pow.cli.BenchJobs.hash;
import static dev.bitmsg.pow.cli.BenchJobs.solve;
import static dev.bitmsg.pow.cli.BenchJobs.targetFor;

import dev.bitmsg.pow.service.PowGrpcServer;
import dev.bitmsg.pow.service.client.PowServiceClient;
import dev.bitmsg.pow.service.scheduler.Job;
import dev.bitmsg.pow.service.scheduler.JobPriority;
import dev.bitmsg.pow.service.scheduler.SchedulerListener;
import dev.bitmsg.pow.v1.CancelRequest;
import dev.bitmsg.pow.v1.Priority;
import dev.bitmsg.pow.v1.SubmitRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The interactive-start phase of {@code ./bm bench service}: how soon urgent work gets going. */
final class InteractiveStartPhase {
  /**
   * Figures of the phase.
   *
   * @param worstStartMs worst time from admission to the first slice (server side)
   * @param worstCallMs worst client-side latency of a whole call
   */
  record Result(double worstStartMs, double worstCallMs) {}

  private final ProgressNotes notes;

  InteractiveStartPhase(ProgressNotes notes) {
    this.notes = notes;
  }

  /**
   * Behind a bulk job sized for ten minutes at the raw rate, ten interactive jobs of ~1,000
   * expected trials one after another: the worst time from admission until the scheduler handed one
   * its first slice (server-side), and the worst client-side latency of the whole call.
   */
  Result run(PowGrpcServer server, String target, String token, double raw) throws Exception {
    List<Duration> waits = new CopyOnWriteArrayList<>();
    server.addListener(
        new SchedulerListener() {
          @Override
          public void jobStarted(Job job, Duration waited) {
            if (job.spec().priority() == JobPriority.INTERACTIVE) {
              waits.add(waited);
            }
          }
        });
    try (PowServiceClient c = client(target, token)) {
      String bulk =
          c.blocking()
              .submit(
                  SubmitRequest.newBuilder()
                      .setSolve(solve(hash("bulk"), targetFor(raw * 600), Priority.PRIORITY_BULK))
                      .build())
              .getJobId();
      try {
        Thread.sleep(500); // the bulk job holds the engines
        waits.clear();
        double worstCall = 0;
        for (int i = 0; i < 10; i++) {
          long t0 = System.nanoTime();
          c.blocking()
              .solve(
                  solve(hash("interactive-" + i), targetFor(1_000), Priority.PRIORITY_INTERACTIVE));
          worstCall = Math.max(worstCall, (System.nanoTime() - t0) / 1e6);
          Thread.sleep(50);
        }
        double worstStart = waits.stream().mapToLong(Duration::toNanos).max().orElse(0) / 1e6;
        notes.note(
            "interactive behind bulk: worst start %.1f ms, worst whole call %.1f ms (%d jobs)",
            worstStart, worstCall, waits.size());
        return new Result(worstStart, worstCall);
      } finally {
        c.blocking().cancel(CancelRequest.newBuilder().setJobId(bulk).build());
      }
    }
  }
}
