package dev.bitmsg.pow.service.scheduler;

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
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares the engines between jobs and owns their lifecycle: admission, deadlines, cancellation,
 * engine health. One {@link ScannerWorker} thread per {@link NonceScanner} pulls passes of nonce
 * slices; every pass takes about 40 ms at the engine's measured rate (its {@code trialsPerPass()}
 * before the first measurement), so a newly admitted job of a higher class starts within one pass
 * even behind a huge one. The parts: {@link SearchTable} (jobs with the same initial hash and
 * target share one {@link Search}), {@link FairQueue} (order of service by class, weighted client
 * share, arrival), {@link PassPlanner} (fills a pass), {@link PassResults} (books a pass, ends the
 * searches it solved; every nonce is re-verified, and an engine that returns a wrong one is taken
 * out of service).
 *
 * <p>Thread-safe. All mutable state (searches, clients, workers' measurements, jobs' state) is
 * guarded by {@code lock}; futures are completed and listeners called after it is released.
 */
public final class Scheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition workAvailable = lock.newCondition();
  private final SecureRandom random = new SecureRandom();
  private final FairQueue queue = new FairQueue();
  private final SearchTable searches = new SearchTable(queue, random::nextLong);
  private final PassPlanner planner = new PassPlanner(searches, queue);
  private final PassResults results = new PassResults(searches, queue);
  private final Workers workers;
  private final Deadlines deadlines = new Deadlines();
  private final SchedulerListener listener;
  private final boolean adaptivePasses;
  private final CompletableFuture<Integer> ready = new CompletableFuture<>();
  private int selfTestsPending;
  private boolean closed;
  private boolean started;

  public Scheduler(List<? extends NonceScanner> scanners, SchedulerListener listener) {
    this(scanners, listener, true);
  }

  /**
   * @param adaptivePasses size passes from the measured rate (true) or always use each scanner's
   *     {@code trialsPerPass()} (false: exact, repeatable pass sizes)
   */
  public Scheduler(
      List<? extends NonceScanner> scanners, SchedulerListener listener, boolean adaptivePasses) {
    this.adaptivePasses = adaptivePasses;
    this.listener = listener;
    this.workers = new Workers(scanners, this);
  }

  /** Starts one worker thread per scanner. */
  public void start() {
    lock.lock();
    try {
      if (started || closed) {
        throw new IllegalStateException("scheduler already started or closed");
      }
      started = true;
      selfTestsPending = workers.size();
      workers.start();
    } finally {
      lock.unlock();
    }
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
    List<Completion> completions = List.of();
    int passed = -1;
    lock.lock();
    try {
      if (failure.isPresent()) {
        worker.healthy = false;
        completions = failAllIfNoEngineLocked();
      }
      if (--selfTestsPending == 0) {
        passed = healthyWorkersLocked();
      }
    } finally {
      lock.unlock();
    }
    Completion.deliver(completions, listener);
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
    JobEndedException refused = null;
    lock.lock();
    try {
      if (closed || healthyWorkersLocked() == 0) {
        job.state = JobState.FAILED;
        refused =
            new JobEndedException(
                JobState.FAILED, closed ? "the scheduler is shut down" : "no healthy engine left");
      } else {
        searches.join(job);
        job.expiry =
            deadlines.after(spec.timeout(), () -> end(job, JobState.EXPIRED, "deadline passed"));
        workAvailable.signalAll();
      }
    } finally {
      lock.unlock();
    }
    if (refused != null) {
      job.result().completeExceptionally(refused);
    } else if (job.state == JobState.RUNNING) {
      listener.jobStarted(job, Duration.ZERO);
    }
    return job;
  }

  /** Ends {@code job} unsuccessfully unless it already ended. Idempotent. */
  void end(Job job, JobState state, String reason) {
    JobEndedException error = new JobEndedException(state, reason);
    Duration computed;
    lock.lock();
    try {
      if (job.state.isFinal()) {
        return;
      }
      boolean wasRunning = job.state == JobState.RUNNING;
      job.state = state;
      job.stopExpiry();
      searches.leave(job);
      computed =
          wasRunning ? Duration.ofNanos(System.nanoTime() - job.startedNanos) : Duration.ZERO;
    } finally {
      lock.unlock();
    }
    log.debug("job={} event=ended state={} reason={}", job.id(), state, reason);
    job.result().completeExceptionally(error);
    listener.jobEnded(job, state, computed);
  }

  /** Blocks until there is work for {@code worker}; null when the scheduler closes. */
  @Nullable Batch nextBatch(ScannerWorker worker) throws InterruptedException {
    List<Job> started = new ArrayList<>();
    Batch batch;
    lock.lock();
    try {
      while (!closed && searches.isEmpty()) {
        workAvailable.await();
      }
      if (closed) {
        return null;
      }
      long pass = adaptivePasses ? worker.passTrials() : worker.trialsPerPass;
      batch = planner.plan(pass, System.nanoTime(), started);
    } finally {
      lock.unlock();
    }
    for (Job j : started) {
      listener.jobStarted(j, Duration.ofNanos(j.startedNanos - j.admittedNanos()));
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
    List<Completion> completions;
    lock.lock();
    try {
      completions = results.book(worker, batch, outcomes, verified, nanos);
      if (wrongNonce) {
        worker.healthy = false;
        completions.addAll(failAllIfNoEngineLocked());
      }
    } finally {
      lock.unlock();
    }
    listener.passCompleted(worker.name, PassResults.trials(outcomes), nanos);
    if (wrongNonce) {
      log.error(
          "engine={} event=verification-failed: a reported nonce does not meet its target;"
              + " the engine is out of service",
          worker.name);
      listener.verificationFailed(worker.name);
    }
    Completion.deliver(completions, listener);
    return !wrongNonce;
  }

  /** The scanner threw: retire the worker; the slices it held are simply skipped. */
  void workerFailed(ScannerWorker worker, Batch batch, String why) {
    List<Completion> completions;
    lock.lock();
    try {
      worker.healthy = false;
      for (Search s : batch.searches()) {
        s.slicesInFlight--;
      }
      completions = failAllIfNoEngineLocked();
    } finally {
      lock.unlock();
    }
    log.error("engine={} event=retired reason={}", worker.name, why);
    Completion.deliver(completions, listener);
  }

  private List<Completion> failAllIfNoEngineLocked() {
    if (healthyWorkersLocked() > 0) {
      return new ArrayList<>();
    }
    workAvailable.signalAll();
    return searches.failAll("no healthy engine left");
  }

  JobState stateOf(Job job) {
    return locked(() -> job.state);
  }

  JobProgress progress(Job job) {
    return locked(() -> Snapshots.progress(job, searches.all()));
  }

  public int healthyWorkers() {
    return locked(this::healthyWorkersLocked);
  }

  private int healthyWorkersLocked() {
    return workers.healthy();
  }

  /** The engines as last measured. */
  public List<EngineSnapshot> engines() {
    return locked(workers::snapshot);
  }

  /** Unfinished jobs per client and priority class, sorted by client then class. */
  public List<QueueSnapshot> queues() {
    return locked(() -> Snapshots.queues(searches.all()));
  }

  /** Trials scanned for each client's searches since the start (the owner of a shared one). */
  public Map<String, Long> clientTrials() {
    return locked(queue::trialsServed);
  }

  private <T> T locked(Supplier<T> read) {
    lock.lock();
    try {
      return read.get();
    } finally {
      lock.unlock();
    }
  }

  /** Fails every open job, stops the workers (each finishes its pass) and closes the scanners. */
  @Override
  public void close() {
    List<Job> open = new ArrayList<>();
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      for (Search s : searches.all()) {
        open.addAll(s.jobs);
      }
      workAvailable.signalAll();
    } finally {
      lock.unlock();
    }
    for (Job j : open) {
      end(j, JobState.FAILED, "the server is shutting down");
    }
    deadlines.shutdown();
    workers.stop();
  }
}
