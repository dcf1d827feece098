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

  /** Completes each job's future, then tells {@code listener}. Call without the lock. */
  static void deliver(List<Completion> completions, SchedulerListener listener) {
    long now = System.nanoTime();
    for (Completion c : completions) {
      Duration computed =
          c.job().startedNanos == 0 ? Duration.ZERO : Duration.ofNanos(now - c.job().startedNanos);
      JobEndedException error = c.error();
      PowSolution solution = c.solution();
      if (error == null && solution != null) {
        log.debug(
            "job={} event=solved nonce={} engine={} trials={}",
            c.job().id(),
            Long.toUnsignedString(solution.nonce()),
            solution.engine(),
            solution.trials());
        c.job().result().complete(solution);
        listener.jobEnded(c.job(), JobState.DONE, computed);
      } else {
        JobEndedException e =
            error != null
                ? error
                : new JobEndedException(JobState.FAILED, "ended without a result");
        c.job().result().completeExceptionally(e);
        listener.jobEnded(c.job(), e.state(), computed);
      }
    }
  }
}
