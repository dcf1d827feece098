package dev.bitmsg.pow.service.status;

import dev.bitmsg.pow.service.scheduler.Job;
import dev.bitmsg.pow.service.scheduler.JobState;
import dev.bitmsg.pow.service.scheduler.SchedulerListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last {@link #KEEP} jobs that ended, newest first, as the status page lists them: client,
 * priority, outcome, time queued and time computing, expected and scanned trials. Thread-safe.
 */
final class RecentJobs implements SchedulerListener {
  static final int KEEP = 20;

  /** One ended job. Immutable. */
  record Ended(
      String client,
      String priority,
      String outcome,
      Duration waited,
      Duration computed,
      double expectedTrials,
      long trials,
      Instant at) {}

  private final Clock clock;
  private final Deque<Ended> ended = new ArrayDeque<>();
  private final Map<Job, Duration> waits = new ConcurrentHashMap<>();

  RecentJobs(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void jobStarted(Job job, Duration waited) {
    waits.put(job, waited);
  }

  @Override
  public void jobEnded(Job job, JobState state, Duration computed) {
    Duration waited = waits.remove(job);
    Ended e =
        new Ended(
            job.spec().client().name(),
            job.spec().priority().name().toLowerCase(Locale.ROOT),
            state.name().toLowerCase(Locale.ROOT),
            waited == null ? Duration.ZERO : waited,
            computed,
            job.spec().expectedTrials(),
            job.progress().trials(),
            clock.instant());
    synchronized (ended) {
      ended.addFirst(e);
      while (ended.size() > KEEP) {
        ended.removeLast();
      }
    }
  }

  List<Ended> list() {
    synchronized (ended) {
      return Collections.unmodifiableList(new ArrayList<>(ended));
    }
  }
}
