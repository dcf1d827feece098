package dev.bitmsg.pow.service.scheduler;

import dev.bitmsg.pow.NonceScanner;
import dev.bitmsg.pow.PowSolution;
import dev.bitmsg.pow.ScanOutcome;
import dev.bitmsg.pow.ScanSlice;
import dev.bitmsg.pow.TrialValue;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares the engines between jobs. One {@link ScannerWorker} thread per {@link NonceScanner}
 * pulls batches of nonce slices; every pass takes about 40 ms at the engine's measured rate
 * (its {@code trialsPerPass()} before the first measurement), so a newly admitted job of a higher
 * class starts within one pass even behind a huge one.
 *
 * <p>Order of service: the highest priority class first; within a class, the client with the
 * least weighted service so far (trials handed out divided by weight: start-time fair queuing,
 * where a client that was idle joins at the current minimum so it cannot bank credit); within a
 * client, arrival order. A pass is filled with several searches of the same class when the first
 * ones need less than a whole pass, so small jobs share one kernel launch. Jobs with the same initial hash and
 * target share one {@link Search}. Every found nonce is re-verified with {@link TrialValue}
 * before a job completes; an engine that returns a wrong nonce is taken out of service.
 *
 * <p>Thread-safe. All mutable state (searches, clients, workers' measurements, jobs' state) is
 * guarded by {@code lock}; futures are completed and listeners called after it is released.
 */
public final class Scheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

  /** A pass: the slices one scanner call gets, and which search each belongs to. */
  record Batch(List<ScanSlice> slices, List<Search> searches, List<String> clients) {}

  private record Completion(Job job, @Nullable PowSolution solution, @Nullable JobEndedException error) {}

  /** Fair-share account of one client. Guarded by {@code lock}. */
  private static final class ClientAccount {
    final double weight;
    double virtualTime;
    int activeSearches;
    long trialsServed;

    ClientAccount(double weight) {
      this.weight = weight;
    }
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition workAvailable = lock.newCondition();
  private final Map<Search.Key, Search> searches = new LinkedHashMap<>();
  private final Map<String, ClientAccount> clients = new HashMap<>();
  private final List<ScannerWorker> workers = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final ScheduledExecutorService timers;
  private final SchedulerListener listener;
  private final SecureRandom random = new SecureRandom();
  private final boolean adaptivePasses;
  private final CompletableFuture<Integer> ready =
      new CompletableFuture<>();
  private int selfTestsPending;
  private long nextSeq;
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
    if (scanners.isEmpty()) {
      throw new IllegalArgumentException("the scheduler needs at least one scanner");
    }
    this.listener = listener;
    for (NonceScanner s : scanners) {
      workers.add(new ScannerWorker(s, this));
    }
    this.timers =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "pow-deadlines");
              t.setDaemon(true);
              return t;
            });
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
      for (ScannerWorker w : workers) {
        Thread t = new Thread(w, "pow-worker-" + w.name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
      }
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
    finish(completions);
    if (passed >= 0) {
      ready.complete(passed);
    }
    return failure.isEmpty();
  }

  /**
   * Admits a job and returns at once. The result fails with {@link JobEndedException} (FAILED)
   * when no healthy engine is left or the scheduler is closed.
   */
  public Job submit(JobSpec spec) {
    Job job = new Job(newId(), spec, System.nanoTime(), this);
    JobEndedException refused = null;
    lock.lock();
    try {
      if (closed || healthyWorkersLocked() == 0) {
        job.state = JobState.FAILED;
        refused =
            new JobEndedException(
                JobState.FAILED, closed ? "the scheduler is shut down" : "no healthy engine left");
      } else {
        Search.Key key = new Search.Key(spec.initialHash(), spec.target());
        Search search = searches.get(key);
        if (search == null) {
          search = new Search(key, nextSeq++, spec.startNonce().orElseGet(random::nextLong));
          searches.put(key, search);
          search.jobs.add(job);
          activate(spec.client());
        } else {
          search.jobs.add(job);
          if (search.started()) {
            job.state = JobState.RUNNING;
            job.startedNanos = job.admittedNanos();
          }
        }
        job.search = search;
        job.expiry =
            timers.schedule(
                () -> end(job, JobState.EXPIRED, "deadline passed"),
                spec.timeout().toNanos(),
                TimeUnit.NANOSECONDS);
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

  private void activate(ClientShare client) {
    ClientAccount acc = clients.computeIfAbsent(client.name(), n -> new ClientAccount(client.weight()));
    if (acc.activeSearches++ == 0) {
      // A client returning from idle starts level with the least-served active client.
      double min = Double.POSITIVE_INFINITY;
      for (ClientAccount other : clients.values()) {
        if (other != acc && other.activeSearches > 0) {
          min = Math.min(min, other.virtualTime);
        }
      }
      if (min != Double.POSITIVE_INFINITY) {
        acc.virtualTime = Math.max(acc.virtualTime, min);
      }
    }
  }

  private void deactivate(@Nullable String client) {
    ClientAccount acc = clients.get(client);
    if (acc != null) {
      acc.activeSearches--;
    }
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
      detach(job);
      computed = wasRunning ? Duration.ofNanos(System.nanoTime() - job.startedNanos) : Duration.ZERO;
    } finally {
      lock.unlock();
    }
    log.debug("job={} event=ended state={} reason={}", job.id(), state, reason);
    job.result().completeExceptionally(error);
    listener.jobEnded(job, state, computed);
  }

  /** Removes a finished job from its search; drops the search when nobody else waits on it. */
  private void detach(Job job) {
    if (job.expiry != null) {
      job.expiry.cancel(false);
    }
    Search search = job.search;
    if (search == null) {
      return;
    }
    String ownerBefore = search.jobs.isEmpty() ? null : search.owner();
    search.jobs.remove(job);
    if (search.jobs.isEmpty()) {
      search.finished = true;
      searches.remove(search.key);
      deactivate(ownerBefore);
    } else if (!search.owner().equals(ownerBefore)) {
      deactivate(ownerBefore);
      activate(search.jobs.get(0).spec().client());
    }
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
      long now = System.nanoTime();
      long pass = adaptivePasses ? worker.passTrials() : worker.trialsPerPass;
      long budget = pass;
      List<ScanSlice> slices = new ArrayList<>();
      List<Search> owners = new ArrayList<>();
      List<String> charged = new ArrayList<>();
      Set<Search> used = new HashSet<>();
      JobPriority batchClass = null;
      while (budget > 0) {
        Search s = pickNext(used);
        // Only one class per pass: a small urgent job gets a short pass of its own instead of
        // waiting for a pass filled up with bulk work.
        if (s == null || (batchClass != null && s.priority() != batchClass)) {
          break;
        }
        batchClass = s.priority();
        used.add(s);
        long n = Math.min(budget, s.want(pass));
        slices.add(new ScanSlice(s.key.hash(), s.key.target(), s.nextNonce, n));
        owners.add(s);
        charged.add(s.owner());
        s.nextNonce += n;
        s.trialsAssigned += n;
        s.slicesInFlight++;
        budget -= n;
        ClientAccount acc = Objects.requireNonNull(clients.get(s.owner()));
        acc.virtualTime += n / acc.weight;
        if (!s.started()) {
          s.firstSliceNanos = now;
        }
        for (Job j : s.jobs) {
          if (j.state == JobState.QUEUED) {
            j.state = JobState.RUNNING;
            j.startedNanos = now;
            started.add(j);
          }
        }
      }
      batch = new Batch(List.copyOf(slices), List.copyOf(owners), List.copyOf(charged));
    } finally {
      lock.unlock();
    }
    for (Job j : started) {
      listener.jobStarted(j, Duration.ofNanos(j.startedNanos - j.admittedNanos()));
    }
    return batch;
  }

  /** The next search to serve: highest class, then least-served client, then oldest. */
  private @Nullable Search pickNext(Set<Search> exclude) {
    Search best = null;
    double bestTime = 0;
    for (Search s : searches.values()) {
      if (exclude.contains(s)) {
        continue;
      }
      double time = Objects.requireNonNull(clients.get(s.owner())).virtualTime;
      if (best == null) {
        best = s;
        bestTime = time;
        continue;
      }
      int byPriority = s.priority().compareTo(best.priority());
      if (byPriority > 0
          || (byPriority == 0 && (time < bestTime || (time == bestTime && s.seq < best.seq)))) {
        best = s;
        bestTime = time;
      }
    }
    return best;
  }

  /**
   * Records a pass: verifies every nonce found and completes the jobs it solves. Returns false
   * when the worker must stop because its engine reported a wrong nonce.
   */
  boolean complete(ScannerWorker worker, Batch batch, List<ScanOutcome> outcomes, long nanos) {
    boolean[] verified = new boolean[outcomes.size()];
    long trials = 0;
    for (int i = 0; i < outcomes.size(); i++) {
      ScanOutcome o = outcomes.get(i);
      trials += o.trials();
      ScanSlice slice = batch.slices().get(i);
      verified[i] =
          o.found()
              && TrialValue.of(o.nonce(), slice.initialHash()) == o.trialValue()
              && TrialValue.meets(o.trialValue(), slice.target());
    }
    List<Completion> completions = new ArrayList<>();
    boolean failedVerification = false;
    lock.lock();
    try {
      worker.trialsTotal += trials;
      worker.busyNanos += nanos;
      double rate = nanos > 0 ? trials * 1e9 / nanos : 0;
      worker.trialsPerSecond =
          worker.trialsPerSecond == 0 ? rate : 0.7 * worker.trialsPerSecond + 0.3 * rate;
      long now = System.nanoTime();
      long assigned = 0;
      for (ScanSlice slice : batch.slices()) {
        assigned += slice.count();
      }
      for (int i = 0; i < outcomes.size(); i++) {
        ScanOutcome o = outcomes.get(i);
        Search s = batch.searches().get(i);
        s.slicesInFlight--;
        s.trialsDone += o.trials();
        s.engineNanos += (double) nanos * batch.slices().get(i).count() / assigned;
        Objects.requireNonNull(clients.get(batch.clients().get(i))).trialsServed += o.trials();
        if (o.found() && !verified[i]) {
          failedVerification = true;
          continue;
        }
        if (!o.found() || s.finished) {
          continue;
        }
        s.finished = true;
        searches.remove(s.key);
        deactivate(s.owner());
        for (Job j : s.jobs) {
          if (j.expiry != null) {
            j.expiry.cancel(false);
          }
          j.state = JobState.DONE;
          j.engineNanos = s.engineNanos;
          PowSolution sol =
              new PowSolution(
                  o.nonce(),
                  o.trialValue(),
                  worker.name,
                  s.trialsDone,
                  Duration.ofNanos(now - j.admittedNanos()));
          completions.add(new Completion(j, sol, null));
        }
        s.jobs.clear();
      }
      if (failedVerification) {
        worker.healthy = false;
        completions.addAll(failAllIfNoEngineLocked());
      }
    } finally {
      lock.unlock();
    }
    listener.passCompleted(worker.name, trials, nanos);
    if (failedVerification) {
      log.error(
          "engine={} event=verification-failed: a reported nonce does not meet its target;"
              + " the engine is out of service",
          worker.name);
      listener.verificationFailed(worker.name);
    }
    finish(completions);
    return !failedVerification;
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
    finish(completions);
  }

  private List<Completion> failAllIfNoEngineLocked() {
    List<Completion> out = new ArrayList<>();
    if (healthyWorkersLocked() > 0) {
      return out;
    }
    for (Search s : List.copyOf(searches.values())) {
      for (Job j : List.copyOf(s.jobs)) {
        j.state = JobState.FAILED;
        detach(j);
        out.add(
            new Completion(j, null, new JobEndedException(JobState.FAILED, "no healthy engine left")));
      }
    }
    workAvailable.signalAll();
    return out;
  }

  private void finish(List<Completion> completions) {
    long now = System.nanoTime();
    for (Completion c : completions) {
      Duration computed =
          c.job().startedNanos == 0
              ? Duration.ZERO
              : Duration.ofNanos(now - c.job().startedNanos);
      PowSolution sol = c.solution();
      if (sol != null) {
        log.debug(
            "job={} event=solved nonce={} engine={} trials={}",
            c.job().id(),
            Long.toUnsignedString(sol.nonce()),
            sol.engine(),
            sol.trials());
        c.job().result().complete(sol);
        listener.jobEnded(c.job(), JobState.DONE, computed);
      } else {
        c.job().result().completeExceptionally(c.error());
        listener.jobEnded(c.job(), Objects.requireNonNull(c.error()).state(), computed);
      }
    }
  }

  JobState stateOf(Job job) {
    lock.lock();
    try {
      return job.state;
    } finally {
      lock.unlock();
    }
  }

  JobProgress progress(Job job) {
    lock.lock();
    try {
      Search s = job.search;
      if (s == null) {
        return new JobProgress(job.state, 0, 0, job.spec().expectedTrials(), 0);
      }
      double rate = 0;
      if (s.started()) {
        long nanos = System.nanoTime() - s.firstSliceNanos;
        rate = nanos > 0 ? s.trialsDone * 1e9 / nanos : 0;
      }
      int ahead = 0;
      if (job.state == JobState.QUEUED) {
        JobPriority p = s.priority();
        for (Search other : searches.values()) {
          if (other != s
              && !other.started()
              && (other.priority().outranks(p) || (other.priority() == p && other.seq < s.seq))) {
            ahead++;
          }
        }
      }
      return new JobProgress(job.state, s.trialsDone, rate, s.expectedTrials, ahead);
    } finally {
      lock.unlock();
    }
  }

  public int healthyWorkers() {
    lock.lock();
    try {
      return healthyWorkersLocked();
    } finally {
      lock.unlock();
    }
  }

  private int healthyWorkersLocked() {
    int n = 0;
    for (ScannerWorker w : workers) {
      if (w.healthy) {
        n++;
      }
    }
    return n;
  }

  /** The engines as last measured. */
  public List<EngineSnapshot> engines() {
    lock.lock();
    try {
      List<EngineSnapshot> out = new ArrayList<>();
      for (ScannerWorker w : workers) {
        out.add(
            new EngineSnapshot(
                w.name, w.trialsPerSecond, w.passTrials(), w.healthy, w.trialsTotal, w.busyNanos));
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** Unfinished jobs per client and priority class, sorted by client then class. */
  public List<QueueSnapshot> queues() {
    lock.lock();
    try {
      Map<String, Map<JobPriority, int[]>> counts = new TreeMap<>();
      for (Search s : searches.values()) {
        for (Job j : s.jobs) {
          int[] c =
              counts
                  .computeIfAbsent(j.spec().client().name(), k -> new EnumMap<>(JobPriority.class))
                  .computeIfAbsent(j.spec().priority(), k -> new int[2]);
          c[j.state == JobState.QUEUED ? 0 : 1]++;
        }
      }
      List<QueueSnapshot> out = new ArrayList<>();
      counts.forEach(
          (client, byPriority) ->
              byPriority.forEach(
                  (p, c) -> out.add(new QueueSnapshot(client, p, c[0], c[1]))));
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** Trials scanned for each client's searches since the start (the owner of a shared one). */
  public Map<String, Long> clientTrials() {
    lock.lock();
    try {
      Map<String, Long> out = new TreeMap<>();
      clients.forEach((name, acc) -> out.put(name, acc.trialsServed));
      return out;
    } finally {
      lock.unlock();
    }
  }

  private String newId() {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
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
      for (Search s : searches.values()) {
        open.addAll(s.jobs);
      }
      workAvailable.signalAll();
    } finally {
      lock.unlock();
    }
    for (Job j : open) {
      end(j, JobState.FAILED, "the server is shutting down");
    }
    timers.shutdownNow();
    for (Thread t : threads) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (ScannerWorker w : workers) {
      try {
        w.scanner.close();
      } catch (RuntimeException e) {
        log.warn("engine={} event=close-failed", w.name, e);
      }
    }
  }
}
