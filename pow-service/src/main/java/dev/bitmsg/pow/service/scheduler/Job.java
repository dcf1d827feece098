package dev.bitmsg.pow.service.scheduler;

import dev.bitmsg.pow.PowSolution;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One caller's request inside the {@link Scheduler}: what was asked, its result, and its life cycle
 * QUEUED → RUNNING → a final state. Several jobs with the same initial hash and target share one
 * search, which the scheduler keeps to itself.
 *
 * <p>Thread-safe: the state is volatile and moves only in the synchronized {@link #start} and
 * {@link #finish} (the scheduler makes each move while it holds its lock, so a move and the
 * scheduler's bookkeeping for it are one step); the other mutable fields are volatile and written
 * once.
 */
public final class Job {
  private static final long NOT_STARTED = Long.MIN_VALUE;

  private final String id;
  private final JobSpec spec;
  private final long admittedNanos;
  private final CompletableFuture<PowSolution> result = new CompletableFuture<>();
  private final Scheduler scheduler;
  private volatile JobState state = JobState.QUEUED; // moves only in start() and finish()
  private volatile long startedNanos = NOT_STARTED;
  private volatile double engineNanos;
  private volatile @Nullable JobProgress finalProgress;

  Job(String id, JobSpec spec, long admittedNanos, Scheduler scheduler) {
    this.id = id;
    this.spec = spec;
    this.admittedNanos = admittedNanos;
    this.scheduler = scheduler;
  }

  /** A new random 128-bit id in hex. */
  static String newId(SecureRandom random) {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
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
  public Duration engineTime() {
    return Duration.ofNanos((long) engineNanos);
  }

  /** Where the job stands; once it ended, the figures at its end. */
  public JobProgress progress() {
    JobProgress last = finalProgress;
    return last != null ? last : scheduler.progress(this);
  }

  public JobState state() {
    return state;
  }

  /** QUEUED → RUNNING at {@code now}; false when the job is not queued. */
  synchronized boolean start(long now) {
    if (state != JobState.QUEUED) {
      return false;
    }
    startedNanos = now;
    state = JobState.RUNNING;
    return true;
  }

  /**
   * Moves the job to the final state {@code end}; returns the state it left, or null when it had
   * ended already (then nothing changes).
   */
  synchronized @Nullable JobState finish(JobState end) {
    JobState left = state;
    if (left.isFinal()) {
      return null;
    }
    state = end;
    return left;
  }

  /** Keeps the figures of the job's end, so {@link #progress()} needs no lock afterwards. */
  void ended(JobProgress last, double engineNanos) {
    this.engineNanos = engineNanos;
    this.finalProgress = last;
  }

  /** Time since the job started at {@code now}; zero when it never started. */
  Duration computedUntil(long now) {
    long started = startedNanos;
    return started == NOT_STARTED ? Duration.ZERO : Duration.ofNanos(now - started);
  }

  /** Time from admission to start (zero when not started). */
  Duration waited() {
    long started = startedNanos;
    return started == NOT_STARTED ? Duration.ZERO : Duration.ofNanos(started - admittedNanos);
  }

  @Override
  public String toString() {
    return "Job[" + id + " " + spec.client().name() + " " + spec.priority() + "]";
  }
}
