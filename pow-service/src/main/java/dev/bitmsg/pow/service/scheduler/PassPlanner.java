package dev.bitmsg.pow.service.scheduler;

import dev.bitmsg.pow.ScanSlice;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Slice dispatch: fills one worker's pass from the open searches in {@link FairQueue} order. A pass
 * holds several searches of the same class when the first ones need less than a whole pass, so
 * small jobs share one kernel launch; it never mixes classes, so a small urgent job gets a short
 * pass of its own instead of waiting for one filled up with bulk work.
 *
 * <p>Not thread-safe: the {@link Scheduler} keeps it in a field guarded by its lock.
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
    Batch.Builder batch = new Batch.Builder();
    Set<Search> used = new HashSet<>();
    @Nullable JobPriority batchClass = null;
    while (budget > 0) {
      Search s = queue.next(searches.all(), used);
      if (s == null || (batchClass != null && s.priority() != batchClass)) {
        break;
      }
      batchClass = s.priority();
      used.add(s);
      String owner = s.owner().name();
      ScanSlice slice = s.claim(Math.min(budget, s.want(passTrials)), now);
      batch.add(slice, s, owner);
      budget -= slice.count();
      queue.charge(owner, slice.count());
      for (Job j : s.jobs()) {
        if (j.start(now)) {
          started.add(j);
        }
      }
    }
    return batch.build();
  }
}
