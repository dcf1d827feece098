package dev.bitmsg.pow.service.scheduler;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The jobs' deadline timers, on one daemon thread, one timer per unfinished job. Thread-safe. */
final class Deadlines {
  private final ScheduledThreadPoolExecutor timers =
      new ScheduledThreadPoolExecutor(
          1,
          r -> {
            Thread t = new Thread(r, "pow-deadlines");
            t.setDaemon(true);
            return t;
          });
  private final Map<Job, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();

  Deadlines() {
    // A cancelled timer would otherwise keep its job reachable until the deadline.
    timers.setRemoveOnCancelPolicy(true);
  }

  /** Runs {@code expire} after {@code timeout} unless {@link #cancel} comes first. */
  void start(Job job, Duration timeout, Runnable expire) {
    ScheduledFuture<?> timer =
        timers.schedule(
            () -> {
              pending.remove(job);
              expire.run();
            },
            timeout.toNanos(),
            TimeUnit.NANOSECONDS);
    pending.put(job, timer);
    if (job.state().isFinal()) { // it ended (maybe by this very timer) before the put
      cancel(job);
    }
  }

  /** Stops {@code job}'s timer, if it has one. */
  void cancel(Job job) {
    ScheduledFuture<?> timer = pending.remove(job);
    if (timer != null) {
      timer.cancel(false);
    }
  }

  void shutdown() {
    timers.shutdownNow();
    pending.clear();
  }
}
