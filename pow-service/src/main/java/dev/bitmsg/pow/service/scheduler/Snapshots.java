package dev.bitmsg.pow.service.scheduler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Read-only views of the scheduler's state for GetInfo, Watch and metrics. Call under its lock. */
final class Snapshots {
  private Snapshots() {}

  /** Unfinished jobs per client and priority class, sorted by client then class. */
  static List<QueueSnapshot> queues(Collection<Search> searches) {
    Map<String, Map<JobPriority, int[]>> counts = new TreeMap<>();
    for (Search s : searches) {
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
            byPriority.forEach((p, c) -> out.add(new QueueSnapshot(client, p, c[0], c[1]))));
    return out;
  }

  /** {@code job}'s progress; its queue position counts the unstarted searches served first. */
  static JobProgress progress(Job job, Collection<Search> searches) {
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
      for (Search other : searches) {
        if (other != s
            && !other.started()
            && (other.priority().outranks(p) || (other.priority() == p && other.seq < s.seq))) {
          ahead++;
        }
      }
    }
    return new JobProgress(job.state, s.trialsDone, rate, s.expectedTrials, ahead);
  }
}
