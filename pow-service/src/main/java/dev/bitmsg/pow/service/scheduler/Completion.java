package dev.bitmsg.pow.service.scheduler;

import dev.bitmsg.pow.PowSolution;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one job ended: a verified solution, or the error it fails with. Collected under the
 * scheduler's lock and {@link #deliver delivered} after it is released, so that callbacks on the
 * jobs' futures (which answer the callers) never run under the lock. Immutable.
 */
record Completion(Job job, @Nullable PowSolution solution, @Nullable JobEndedException error) {
  private static final Logger log = LoggerFactory.getLogger(Completion.class);

  static Completion solved(Job job, PowSolution solution) {
    return new Completion(job, solution, null);
  }

  static Completion failed(Job job, JobEndedException error) {
    return new Completion(job, null, error);
  }

  /** Completes each job's future, then tells {@code listener}. Call without the lock. */
  static void deliver(List<Completion> completions, SchedulerListener listener) {
    long now = System.nanoTime();
    for (Completion c : completions) {
      Job job = c.job();
      Duration computed = job.computedUntil(now);
      JobEndedException error = c.error();
      PowSolution solution = c.solution();
      if (error == null && solution != null) {
        log.debug(
            "job solved job={} nonce={} engine={} trials={}",
            job.id(),
            Long.toUnsignedString(solution.nonce()),
            solution.engine(),
            solution.trials());
        job.result().complete(solution);
        listener.jobEnded(job, JobState.DONE, computed);
      } else {
        JobEndedException e =
            error != null
                ? error
                : new JobEndedException(JobState.FAILED, "ended without a result");
        log.debug("job ended job={} state={} reason={}", job.id(), e.state(), e.getMessage());
        job.result().completeExceptionally(e);
        listener.jobEnded(job, e.state(), computed);
      }
    }
  }
}
