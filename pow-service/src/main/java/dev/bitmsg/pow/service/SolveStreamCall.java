package dev.bitmsg.pow.service;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.bitmsg.pow.PowSolution;
import dev.bitmsg.pow.service.scheduler.Job;
import dev.bitmsg.pow.v1.SolveEvent;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One SolveStream call: a progress event at once and then every interval (through a {@link
 * SnapshotStream}, so a slow reader gets fewer, never a growing buffer), then the answer as the
 * last event, or the job's failure as the call's status. The job is the call's: it stops when the
 * call is cancelled or its deadline passes. Thread-safe.
 */
final class SolveStreamCall {
  /** Progress interval when the request names none. */
  static final long DEFAULT_INTERVAL_MS = 1000;

  /** Shortest progress interval. */
  static final long MIN_INTERVAL_MS = 50;

  private final Job job;
  private final SnapshotStream<SolveEvent> stream;
  private final Function<PowSolution, SolveEvent> answer;

  @GuardedBy("this")
  private @Nullable ScheduledFuture<?> ticks;

  @GuardedBy("this")
  private boolean stopped;

  private SolveStreamCall(
      Job job, ServerCallStreamObserver<SolveEvent> out, Function<PowSolution, SolveEvent> answer) {
    this.job = job;
    this.answer = answer;
    this.stream = new SnapshotStream<>(out, this::stopTicks);
  }

  /**
   * Starts streaming {@code job} on {@code out}; call it from the service method (it sets the
   * stream's handlers). {@code requestedMs} is the request's interval (0: the default).
   */
  static void start(
      Job job,
      ServerCallStreamObserver<SolveEvent> out,
      ScheduledExecutorService timer,
      long requestedMs,
      Function<PowSolution, SolveEvent> answer) {
    SolveStreamCall call = new SolveStreamCall(job, out, answer);
    Replies.stopWhenCallEnds(job);
    long interval = interval(requestedMs);
    call.tick();
    synchronized (call) {
      if (!call.stopped) {
        call.ticks =
            timer.scheduleWithFixedDelay(call::tick, interval, interval, TimeUnit.MILLISECONDS);
      }
    }
    Completions.onCompletion(job.result(), (sol, err) -> call.end(sol, err));
  }

  /** The request's interval in milliseconds, 0 meaning the default, clamped to the minimum. */
  static long interval(long requestedMs) {
    return requestedMs == 0 ? DEFAULT_INTERVAL_MS : Math.max(MIN_INTERVAL_MS, requestedMs);
  }

  private void tick() {
    if (job.state().isFinal()) {
      return; // the answer or the status comes from end()
    }
    stream.offer(
        SolveEvent.newBuilder().setProgress(ResponseMapper.progress(job.progress())).build());
  }

  private void end(@Nullable PowSolution sol, @Nullable Throwable err) {
    stopTicks();
    if (sol != null) {
      stream.finish(answer.apply(sol));
    } else {
      stream.fail(err != null ? err : new IllegalStateException("job ended without a result"));
    }
  }

  private synchronized void stopTicks() {
    stopped = true;
    if (ticks != null) {
      ticks.cancel(false);
    }
  }
}
