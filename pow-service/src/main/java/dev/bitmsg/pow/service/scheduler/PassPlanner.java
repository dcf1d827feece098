package dev.bitmsg.pow.service.scheduler;

import dev.bitmsg.pow.ScanSlice;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Slice dispatch: fills one worker's pass from the open searches in {@link FairQueue} order. A pass
 * holds several searches of the same class when the first ones need less than a whole pass, so
 * small jobs share one kernel launch; it never mixes classes, so a small urgent job gets a short
 * pass of its own instead of waiting for one filled up with bulk work. Not thread-safe: used under
 * the scheduler's lock.
 */
final class PassPlanner {
  private final SearchTable searches;
  private final FairQueue queue;

  PassPlanner(SearchTable searches, FairQueue queue) {
    this.searches = searches;
    this.queue = queue;
  }

  /**
   * Hands out up to {@code passTrials} trials at time {@code now}, charging the owners; the jobs
   * that start with this pass are added to {@code started}.
   */
  Batch plan(long passTrials, long now, List<Job> started) {
    long budget = passTrials;
    List<ScanSlice> slices = new ArrayList<>();
    List<Search> owners = new ArrayList<>();
    List<String> charged = new ArrayList<>();
    Set<Search> used = new HashSet<>();
    JobPriority batchClass = null;
    while (budget > 0) {
      Search s = queue.next(searches.all(), used);
      if (s == null || (batchClass != null && s.priority() != batchClass)) {
        break;
      }
      batchClass = s.priority();
      used.add(s);
      long n = Math.min(budget, s.want(passTrials));
      slices.add(new ScanSlice(s.key.hash(), s.key.target(), s.nextNonce, n));
      owners.add(s);
      charged.add(s.owner());
      s.nextNonce += n;
      s.trialsAssigned += n;
      s.slicesInFlight++;
      budget -= n;
      queue.charge(s.owner(), n);
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
    return new Batch(slices, owners, charged);
  }
}
