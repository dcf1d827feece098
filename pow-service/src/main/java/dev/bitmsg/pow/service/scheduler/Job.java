package dev.bitmsg.pow.service.scheduler;

import dev.bitmsg.pow.PowSolution;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * One caller's request inside the {@link Scheduler}. Several jobs with the same initial hash and
 * target share one search. Thread-safe: mutable fields are guarded by the scheduler's lock ({@code
 * search}, {@code state}, {@code startedNanos}) or set once before publication.
 */
public final class Job {
  private final String id;
  private final JobSpec spec;
  private final long admittedNanos;
  private final CompletableFuture<PowSolution> result = new CompletableFuture<>();
  private final Scheduler scheduler;

  // Guarded by the scheduler's lock.
  @Nullable Search search;
  JobState state = JobState.QUEUED;
  long startedNanos;
  @Nullable ScheduledFuture<?> expiry;
  volatile double engineNanos;

  Job(String id, JobSpec spec, long admittedNanos, Scheduler scheduler) {
    this.id = id;
    this.spec = spec;
    this.admittedNanos = admittedNanos;
    this.scheduler = scheduler;
  }

  /** A new random 128-bit id in hex. */
  static String newId(java.security.SecureRandom random) {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return java.util.HexFormat.of().formatHex(b);
  }

  /** Random 128-bit id in hex. */
  public String id() {
    return id;
  }

  public JobSpec spec() {
    return spec;
  }

  long admittedNanos() {
    return admittedNanos;
  }

  /**
   * Completes with a solution already verified with {@code TrialValue}, or exceptionally with
   * {@link JobEndedException}. Completion callbacks run on scheduler threads: keep them short.
   */
  public CompletableFuture<PowSolution> result() {
    return result;
  }

  /** Cancels the deadline timer, if any. Called under the scheduler's lock. */
  void stopExpiry() {
    if (expiry != null) {
      expiry.cancel(false);
    }
  }

  /** Stops this job; its search stops too when no other job shares it. Idempotent. */
  public void cancel(String reason) {
    scheduler.end(this, JobState.CANCELLED, reason);
  }

  /** Ends this job as EXPIRED (its caller's deadline passed). Idempotent. */
  public void expire(String reason) {
    scheduler.end(this, JobState.EXPIRED, reason);
  }

  /**
   * Engine time spent on this job's search: the wall time during which an engine was scanning it
   * (its share of a pass shared with other searches; overlapping passes of several engines count
   * once), final once the result is complete.
   */
  public java.time.Duration engineTime() {
    return java.time.Duration.ofNanos((long) engineNanos);
  }

  public JobProgress progress() {
    return scheduler.progress(this);
  }

  public JobState state() {
    return scheduler.stateOf(this);
  }

  @Override
  public String toString() {
    return "Job[" + id + " " + spec.client().name() + " " + spec.priority() + "]";
  }
}
