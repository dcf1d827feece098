package dev.bitmsg.pow.service.scheduler;

import dev.bitmsg.pow.InitialHash;
import java.util.ArrayList;
import java.util.List;

/**
 * One nonce search shared by every job with the same initial hash and target: the next nonce to
 * hand out, the trials done, and the jobs waiting for it. Not thread-safe: only touched under the
 * scheduler's lock.
 */
final class Search {
  /** Dedupe key: equal initial hash and target mean the same search. */
  record Key(InitialHash hash, long target) {}

  final Key key;
  final long seq;
  final double expectedTrials;
  final List<Job> jobs = new ArrayList<>();
  long nextNonce;
  long trialsDone;

  /** Engine time: the union of this search's pass intervals (see {@link #addEngineTime}). */
  double engineNanos;

  private double engineCoveredUntil = Double.NEGATIVE_INFINITY;
  long trialsAssigned;
  int slicesInFlight;
  long firstSliceNanos = -1;
  boolean finished;

  Search(Key key, long seq, long startNonce) {
    this.key = key;
    this.seq = seq;
    this.nextNonce = startNonce;
    this.expectedTrials = JobSpec.expectedTrials(key.target());
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
  String owner() {
    return jobs.get(0).spec().client().name();
  }

  /**
   * Books {@code shareNanos} of a pass that ended at {@code passEndNanos} (the whole pass, or this
   * search's share of a pass it shared with others). Engines scan in parallel, so their passes
   * overlap: time already covered by another engine's pass counts once (wall time, not a sum). A
   * pass booked after a later-ending one counts only beyond that one's end, so the total may err
   * low, never high.
   */
  void addEngineTime(long passEndNanos, double shareNanos) {
    double start = passEndNanos - shareNanos;
    if (start >= engineCoveredUntil) {
      engineNanos += shareNanos;
    } else if (passEndNanos > engineCoveredUntil) {
      engineNanos += passEndNanos - engineCoveredUntil;
    }
    engineCoveredUntil = Math.max(engineCoveredUntil, (double) passEndNanos);
  }

  boolean started() {
    return firstSliceNanos >= 0;
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
