package dev.bitmsg.pow.service.scheduler;

import dev.bitmsg.pow.InitialHash;
import dev.bitmsg.pow.PowRules;
import dev.bitmsg.pow.ScanSlice;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One nonce search shared by every job with the same initial hash and target: its nonces ({@link
 * NonceCursor}: what to hand out next, what was searched), the trials done, the engine time spent,
 * and the jobs waiting for it. All of its state is private and changes only through these methods.
 *
 * <p>Not thread-safe: confined to the {@link SearchTable}, which the {@link Scheduler} reaches only
 * under its lock. A {@link Batch} carries searches to a worker thread and back, but the worker
 * never calls them.
 */
final class Search {
  /** Dedupe key: equal initial hash and target mean the same search. */
  record Key(InitialHash hash, long target) {
    static Key of(JobSpec spec) {
      return new Key(spec.initialHash(), spec.target());
    }
  }

  private final Key key;
  private final long seq;
  private final double expectedTrials;
  private final List<Job> jobs = new ArrayList<>();
  private final NonceCursor nonces;
  private long trialsDone;
  private double engineNanos;
  private double engineCoveredUntil = Double.NEGATIVE_INFINITY;
  private long firstSliceNanos;
  private boolean started;
  private boolean finished;

  Search(Key key, long seq, long startNonce) {
    this.key = key;
    this.seq = seq;
    this.nonces = new NonceCursor(startNonce);
    this.expectedTrials = PowRules.expectedTrials(key.target());
  }

  Key key() {
    return key;
  }

  /** Arrival order among searches: the tie-breaker of the queue. */
  long seq() {
    return seq;
  }

  double expectedTrials() {
    return expectedTrials;
  }

  long trialsDone() {
    return trialsDone;
  }

  /** Engine time: the union of this search's pass intervals (see {@link #booked}). */
  double engineNanos() {
    return engineNanos;
  }

  /** Whether a slice of it was handed to an engine. */
  boolean started() {
    return started;
  }

  /** Whether it was solved or dropped: a pass still in flight books nothing more. */
  boolean finished() {
    return finished;
  }

  /** The waiting jobs, oldest first (a read-only view). */
  List<Job> jobs() {
    return Collections.unmodifiableList(jobs);
  }

  void add(Job job) {
    jobs.add(job);
  }

  /** Takes {@code job} off; returns whether no job waits any more. */
  boolean remove(Job job) {
    jobs.remove(job);
    return jobs.isEmpty();
  }

  boolean contains(Job job) {
    return jobs.contains(job);
  }

  /** Marks the search finished (solved, dropped or failed). */
  void finish() {
    finished = true;
  }

  /** Takes every waiting job off, e.g. to hand each the solution. */
  List<Job> takeJobs() {
    List<Job> all = List.copyOf(jobs);
    jobs.clear();
    return all;
  }

  JobPriority priority() {
    JobPriority p = JobPriority.BULK;
    for (Job j : jobs) {
      if (j.spec().priority().outranks(p)) {
        p = j.spec().priority();
      }
    }
    return p;
  }

  /** The client charged for this search: the one of its oldest job. */
  ClientShare owner() {
    return jobs.get(0).spec().client();
  }

  /**
   * Hands out the next (at most) {@code n} nonces as a slice at time {@code now}; the first slice
   * starts the search.
   */
  ScanSlice claim(long n, long now) {
    NonceCursor.Range r = nonces.take(n);
    ScanSlice slice = new ScanSlice(key.hash(), key.target(), r.firstNonce(), r.count());
    if (!started) {
      started = true;
      firstSliceNanos = now;
    }
    return slice;
  }

  /** A slice of this search was scanned whole without an answer. */
  void searched(ScanSlice slice) {
    nonces.searched(slice.firstNonce(), slice.count());
  }

  /** A slice of this search came back unscanned (its engine failed): it is handed out again. */
  void unscanned(ScanSlice slice) {
    nonces.returned(slice.firstNonce(), slice.count());
  }

  /** The first nonce of the search. */
  long firstNonce() {
    return nonces.first();
  }

  /** Every nonce from {@link #firstNonce} up to this one (exclusive) was searched. */
  long searchedUntil() {
    return nonces.searchedUntil();
  }

  /**
   * Books a slice that came back with {@code trials} scanned, and {@code shareNanos} of a pass that
   * ended at {@code passEndNanos} (the whole pass, or this search's share of a pass it shared with
   * others). Engines scan in parallel, so their passes overlap: time already covered by another
   * engine's pass counts once (wall time, not a sum). A pass booked after a later-ending one counts
   * only beyond that one's end, so the total may err low, never high.
   */
  void booked(long trials, long passEndNanos, double shareNanos) {
    trialsDone += trials;
    double start = passEndNanos - shareNanos;
    if (start >= engineCoveredUntil) {
      engineNanos += shareNanos;
    } else if (passEndNanos > engineCoveredUntil) {
      engineNanos += passEndNanos - engineCoveredUntil;
    }
    engineCoveredUntil = Math.max(engineCoveredUntil, (double) passEndNanos);
  }

  /** Trials per second since the first slice (0 before it). */
  double rate(long now) {
    if (!started) {
      return 0;
    }
    long nanos = now - firstSliceNanos;
    return nanos > 0 ? trialsDone * 1e9 / nanos : 0;
  }

  /**
   * Trials this search should get in one pass of a scanner with {@code passTrials}: small searches
   * take about twice their expected trials (so most finish in one pass and several share a launch);
   * large ones take the whole pass.
   */
  long want(long passTrials) {
    long floor = Math.max(1, passTrials / 64);
    double twice = 2 * expectedTrials;
    if (twice >= passTrials) {
      return passTrials;
    }
    return Math.max(floor, (long) Math.ceil(twice));
  }
}
