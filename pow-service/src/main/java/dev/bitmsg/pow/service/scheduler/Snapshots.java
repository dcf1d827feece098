package dev.bitmsg.pow.service.scheduler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Read-only views of the scheduler's state for GetInfo, Watch and metrics. Stateless; its callers
 * hold the scheduler's lock while they pass it the scheduler's searches.
 */
final class Snapshots {
  private Snapshots() {}

  /** Unfinished jobs per client and priority class, sorted by client then class. */
  static List<QueueSnapshot> queues(Collection<Search> searches) {
    Map<String, Map<JobPriority, int[]>> counts = new TreeMap<>();
    for (Search s : searches) {
      for (Job j : s.jobs()) {
        int[] c =
            counts
                .computeIfAbsent(j.spec().client().name(), k -> new EnumMap<>(JobPriority.class))
                .computeIfAbsent(j.spec().priority(), k -> new int[2]);
        c[j.state() == JobState.QUEUED ? 0 : 1]++;
      }
    }
    List<QueueSnapshot> out = new ArrayList<>();
    counts.forEach(
        (client, byPriority) ->
            byPriority.forEach((p, c) -> out.add(new QueueSnapshot(client, p, c[0], c[1]))));
    return out;
  }

  /**
   * {@code job}'s progress on {@code search} (null: it waits on none); its queue position counts
   * the unstarted searches served first.
   */
  static JobProgress progress(
      Job job, @Nullable Search search, Collection<Search> searches, long now) {
    JobState state = job.state();
    if (search == null) {
      return unsearched(job, state);
    }
    int ahead = 0;
    if (state == JobState.QUEUED) {
      JobPriority p = search.priority();
      for (Search other : searches) {
        if (other != search
            && !other.started()
            && (other.priority().outranks(p)
                || (other.priority() == p && other.seq() < search.seq()))) {
          ahead++;
        }
      }
    }
    return new JobProgress(
        state,
        search.trialsDone(),
        search.rate(now),
        search.expectedTrials(),
        ahead,
        search.firstNonce(),
        search.searchedUntil());
  }

  /** The figures {@code job} keeps once it ended as {@code end}, waiting on {@code search}. */
  static JobProgress last(Job job, JobState end, @Nullable Search search, long now) {
    if (search == null) {
      return unsearched(job, end);
    }
    return new JobProgress(
        end,
        search.trialsDone(),
        search.rate(now),
        search.expectedTrials(),
        0,
        search.firstNonce(),
        search.searchedUntil());
  }

  /** A job that waits on no search: nothing searched, from the nonce it asked for (or 0). */
  private static JobProgress unsearched(Job job, JobState state) {
    long from = job.spec().startNonce().orElse(0);
    return new JobProgress(state, 0, 0, job.spec().expectedTrials(), 0, from, from);
  }
}
