package dev.bitmsg.pow.service;

import static dev.bitmsg.pow.service.ResponseMapper.objectResponse;
import static dev.bitmsg.pow.service.ResponseMapper.solveResponse;
import static dev.bitmsg.pow.service.ResponseMapper.stateOf;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.bitmsg.pow.PowSolution;
import dev.bitmsg.pow.service.scheduler.Job;
import dev.bitmsg.pow.service.scheduler.JobEndedException;
import dev.bitmsg.pow.service.scheduler.JobProgress;
import dev.bitmsg.pow.v1.JobState;
import dev.bitmsg.pow.v1.JobUpdate;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One Watch stream: a progress message every interval and a final one when the job ends, through a
 * {@link SnapshotStream} (a slow reader gets fewer progress messages, never a growing buffer).
 * Thread-safe.
 */
final class JobWatcher {
  private final JobRegistry.Tracked tracked;
  private final SnapshotStream<JobUpdate> stream;
  private final ScheduledExecutorService timer;

  @GuardedBy("this")
  private @Nullable ScheduledFuture<?> ticks;

  @GuardedBy("this")
  private boolean closed;

  JobWatcher(
      JobRegistry.Tracked tracked,
      ServerCallStreamObserver<JobUpdate> out,
      ScheduledExecutorService timer) {
    this.tracked = tracked;
    this.timer = timer;
    this.stream = new SnapshotStream<>(out, this::stop);
  }

  void start(long intervalMs) {
    tracked.attach();
    synchronized (this) {
      ticks =
          timer.scheduleWithFixedDelay(this::tick, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }
    tick();
    Completions.onCompletion(tracked.job.result(), (s, e) -> finish());
  }

  private void tick() {
    JobUpdate u = update(false);
    if (u.getState() == JobState.JOB_STATE_QUEUED || u.getState() == JobState.JOB_STATE_RUNNING) {
      stream.offer(u); // the final message comes from finish()
    }
  }

  private void finish() {
    stream.finish(update(true));
    stop();
  }

  private void stop() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (ticks != null) {
        ticks.cancel(false);
      }
    }
    tracked.detach();
  }

  private JobUpdate update(boolean last) {
    Job job = tracked.job;
    JobProgress p = job.progress();
    JobUpdate.Builder b =
        JobUpdate.newBuilder()
            .setJobId(job.id())
            .setState(stateOf(p))
            .setTrials(p.trials())
            .setTrialsPerSecond(p.trialsPerSecond())
            .setExpectedTrials(p.expectedTrials())
            .setEtaMs((long) (p.etaSeconds() * 1000))
            .setQueuePosition(p.queuePosition())
            .setSearchedFrom(p.searchedFrom())
            .setNextNonce(p.nextNonce());
    if (last && job.result().isDone()) {
      PowSolution sol = job.result().exceptionally(e -> null).join();
      if (sol != null) {
        b.setResult(solveResponse(sol, tracked.search.target(), job));
        tracked.object.ifPresent(o -> b.setObjectResult(objectResponse(sol, o, job)));
      } else {
        // Done already: this reads the failure without waiting.
        Throwable e = job.result().handle((s, failure) -> failure).join();
        Throwable cause = e;
        while (cause != null && !(cause instanceof JobEndedException)) {
          cause = cause.getCause();
        }
        b.setError(cause != null ? String.valueOf(cause.getMessage()) : String.valueOf(e));
      }
    }
    return b.build();
  }
}
