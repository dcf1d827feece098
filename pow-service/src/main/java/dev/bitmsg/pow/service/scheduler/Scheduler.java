package dev.bitmsg.pow.service.scheduler;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.ScanOutcome;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares the engines between jobs and owns their lifecycle: admission, deadlines, cancellation,
 * engine health. One {@link ScannerWorker} thread per {@link NonceScanner} pulls passes of nonce
 * slices; every pass takes about 40 ms at the engine's measured rate (see {@link PassSizing}), so a
 * newly admitted job of a higher class starts within one pass even behind a huge one. The parts:
 * {@link SearchTable} (jobs with the same initial hash and target share one {@link Search}), {@link
 * FairQueue} (order of service by class, weighted client share, arrival), {@link PassPlanner}
 * (fills a pass), {@link PassResults} (books a pass, ends the searches it solved; every nonce is
 * re-verified, and an engine that returns a wrong one is taken out of service), {@link
 * EngineMeters} (engine health and rates).
 *
 * <p>Thread-safe. Those parts are not: each lives in a field guarded by {@link #lock} (checked by
 * Error Prone's GuardedBy), and nothing else holds them, so every change of the scheduler's state
 * happens under the lock. Futures are completed and listeners called after it is released.
 */
public final class Scheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition workAvailable = lock.newCondition();
  private final SecureRandom random = new SecureRandom();

  @GuardedBy("lock")
  private final FairQueue queue = new FairQueue();

  @GuardedBy("lock")
  private final SearchTable searches = new SearchTable(queue, random::nextLong);

  @GuardedBy("lock")
  private final PassPlanner planner = new PassPlanner(searches, queue);

  @GuardedBy("lock")
  private final PassResults results = new PassResults(searches, queue);

  @GuardedBy("lock")
  private final EngineMeters meters;

  @GuardedBy("lock")
  private int selfTestsPending;

  @GuardedBy("lock")
  private boolean closed;

  @GuardedBy("lock")
  private boolean started;

  private final Workers workers;
  private final Deadlines deadlines = new Deadlines();
  private final Listeners listeners = new Listeners();
  private final PassSizing sizing;
  private final CompletableFuture<Integer> ready = new CompletableFuture<>();

  /** A scheduler with {@link PassSizing#ADAPTIVE} passes. */
  public Scheduler(List<? extends NonceScanner> scanners) {
    this(scanners, PassSizing.ADAPTIVE);
  }

  public Scheduler(List<? extends NonceScanner> scanners, PassSizing sizing) {
    this.sizing = sizing;
    this.workers = new Workers(scanners, this);
    this.meters = new EngineMeters(workers.all());
  }

  /**
   * Also tells {@code listener} about scheduler events (metrics, benchmarks). Add listeners before
   * {@link #start}; they are called on scheduler threads without locks held.
   */
  public void addListener(SchedulerListener listener) {
    listeners.add(listener);
  }

  /** Starts one worker thread per scanner. */
  public void start() {
    lock.lock();
    try {
      if (started || closed) {
        throw new IllegalStateException("scheduler already started or closed");
      }
      started = true;
      selfTestsPending = meters.size();
    } finally {
      lock.unlock();
    }
    workers.start();
  }

  /**
   * Completes with the number of engines that passed their {@link SelfTest} once every engine has
   * run it (0: none is usable).
   */
  public CompletableFuture<Integer> ready() {
    return ready;
  }

  /** A worker's self-test result; returns whether the worker may take work. */
  boolean selfTested(ScannerWorker worker, Optional<String> failure) {
    List<Completion> completions = new ArrayList<>();
    int passed = -1;
    lock.lock();
    try {
      if (failure.isPresent()) {
        meters.retire(worker);
        failAllIfNoEngineLocked(completions);
      }
      if (--selfTestsPending == 0) {
        passed = meters.healthy();
      }
    } finally {
      lock.unlock();
    }
    deliver(completions);
    if (passed >= 0) {
      ready.complete(passed);
    }
    return failure.isEmpty();
  }

  /**
   * Admits a job and returns at once. The result fails with {@link JobEndedException} (FAILED) when
   * no healthy engine is left or the scheduler is closed.
   */
  public Job submit(JobSpec spec) {
    Job job = new Job(Job.newId(random), spec, System.nanoTime(), this);
    @Nullable String refused = null;
    boolean running = false;
    lock.lock();
    try {
      if (closed || meters.healthy() == 0) {
        refused = closed ? "the scheduler is shut down" : "no healthy engine left";
        job.finish(JobState.FAILED);
        job.ended(Snapshots.last(job, JobState.FAILED, null, job.admittedNanos()), 0);
      } else {
        running = searches.join(job);
        workAvailable.signalAll();
      }
    } finally {
      lock.unlock();
    }
    if (refused != null) {
      job.result().completeExceptionally(new JobEndedException(JobState.FAILED, refused));
      return job;
    }
    deadlines.start(job, spec.timeout(), () -> end(job, JobState.EXPIRED, "deadline passed"));
    if (running) {
      listeners.jobStarted(job, Duration.ZERO);
    }
    return job;
  }

  /** Ends {@code job} unsuccessfully unless it already ended. Idempotent. */
  void end(Job job, JobState state, String reason) {
    List<Completion> completions = new ArrayList<>();
    lock.lock();
    try {
      endLocked(job, new JobEndedException(state, reason), completions);
    } finally {
      lock.unlock();
    }
    deliver(completions);
  }

  /**
   * Ends {@code job} with {@code error} unless it ended already: keeps its last figures, takes it
   * off its search and adds its completion to {@code out}.
   */
  @GuardedBy("lock")
  private void endLocked(Job job, JobEndedException error, List<Completion> out) {
    Search search = searches.searchOf(job);
    if (job.finish(error.state()) == null) {
      return;
    }
    job.ended(Snapshots.last(job, error.state(), search, System.nanoTime()), 0);
    searches.leave(job);
    out.add(Completion.failed(job, error));
  }

  /** Blocks until there is work for {@code worker}; null when the scheduler closes. */
  @Nullable Batch nextBatch(ScannerWorker worker) throws InterruptedException {
    List<Job> startedJobs = new ArrayList<>();
    Batch batch;
    lock.lock();
    try {
      while (!closed && searches.isEmpty()) {
        workAvailable.await();
      }
      if (closed) {
        return null;
      }
      batch = planner.plan(meters.passTrials(worker, sizing), System.nanoTime(), startedJobs);
    } finally {
      lock.unlock();
    }
    for (Job j : startedJobs) {
      listeners.jobStarted(j, j.waited());
    }
    return batch;
  }

  /**
   * Records a pass: verifies every nonce found and completes the jobs it solves. Returns false when
   * the worker must stop because its engine reported a wrong nonce.
   */
  boolean complete(ScannerWorker worker, Batch batch, List<ScanOutcome> outcomes, long nanos) {
    boolean[] verified = PassResults.verify(batch, outcomes);
    boolean wrongNonce = PassResults.anyWrongNonce(outcomes, verified);
    long trials = PassResults.trials(outcomes);
    List<Completion> completions;
    lock.lock();
    try {
      meters.recordPass(worker, trials, nanos);
      completions = results.book(worker.name(), batch, outcomes, verified, wrongNonce, nanos);
      if (wrongNonce) {
        meters.retire(worker);
        failAllIfNoEngineLocked(completions);
      }
    } finally {
      lock.unlock();
    }
    listeners.passCompleted(worker.name(), trials, nanos);
    if (wrongNonce) {
      log.error(
          "engine out of service engine={} reason={}",
          worker.name(),
          "a reported nonce does not meet its target");
      listeners.verificationFailed(worker.name());
    }
    deliver(completions);
    return !wrongNonce;
  }

  /**
   * The scanner threw: retire the worker; the slices of {@code batch} go back to their searches, to
   * be handed out again.
   */
  void workerFailed(ScannerWorker worker, Batch batch, String why) {
    List<Completion> completions = new ArrayList<>();
    lock.lock();
    try {
      PassResults.unscanned(batch);
      meters.retire(worker);
      failAllIfNoEngineLocked(completions);
    } finally {
      lock.unlock();
    }
    log.error("engine out of service engine={} reason={}", worker.name(), why);
    deliver(completions);
  }

  /** With no healthy engine left, every open job fails (added to {@code out}). */
  @GuardedBy("lock")
  private void failAllIfNoEngineLocked(List<Completion> out) {
    if (meters.healthy() > 0) {
      return;
    }
    workAvailable.signalAll();
    JobEndedException error = new JobEndedException(JobState.FAILED, "no healthy engine left");
    for (Job j : searches.openJobs()) {
      endLocked(j, error, out);
    }
  }

  /** Stops the deadline timers of the ended jobs, completes them and tells the listeners. */
  private void deliver(List<Completion> completions) {
    for (Completion c : completions) {
      deadlines.cancel(c.job());
    }
    Completion.deliver(completions, listeners);
  }

  JobProgress progress(Job job) {
    lock.lock();
    try {
      return Snapshots.progress(job, searches.searchOf(job), searches.all(), System.nanoTime());
    } finally {
      lock.unlock();
    }
  }

  public int healthyWorkers() {
    lock.lock();
    try {
      return meters.healthy();
    } finally {
      lock.unlock();
    }
  }

  /** The engines as last measured. */
  public List<EngineSnapshot> engines() {
    lock.lock();
    try {
      return meters.snapshot(sizing);
    } finally {
      lock.unlock();
    }
  }

  /** Unfinished jobs per client and priority class, sorted by client then class. */
  public List<QueueSnapshot> queues() {
    lock.lock();
    try {
      return Snapshots.queues(searches.all());
    } finally {
      lock.unlock();
    }
  }

  /** Trials scanned for each client's searches since the start (the owner of a shared one). */
  public Map<String, Long> clientTrials() {
    lock.lock();
    try {
      return queue.trialsServed();
    } finally {
      lock.unlock();
    }
  }

  /** Fails every open job, stops the workers (each finishes its pass) and closes the scanners. */
  @Override
  public void close() {
    List<Completion> completions = new ArrayList<>();
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      JobEndedException error =
          new JobEndedException(JobState.FAILED, "the server is shutting down");
      for (Job j : searches.openJobs()) {
        endLocked(j, error, completions);
      }
      workAvailable.signalAll();
    } finally {
      lock.unlock();
    }
    deliver(completions);
    deadlines.shutdown();
    workers.stop();
  }
}
