package dev.bitmsg.pow.service;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.bitmsg.pow.service.scheduler.Job;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jobs admitted through {@code Submit}, by id, for {@code Watch} and {@code Cancel}. A job is
 * visible only to the client that submitted it. A running job that nobody has watched for {@code
 * detachedGrace} is cancelled (its caller is gone); finished jobs stay visible for {@code
 * retention} so a late Watch still gets the result. Thread-safe: the map is concurrent and each
 * entry's watcher bookkeeping is guarded by the entry.
 */
final class JobRegistry {
  private static final Logger log = LoggerFactory.getLogger(JobRegistry.class);

  /** One submitted job. Watcher fields are guarded by {@code this}. */
  static final class Tracked {
    final String client;
    final Job job;
    final SearchRequest search;
    final Optional<ObjectRequest> object;

    @GuardedBy("this")
    private int watchers;

    @GuardedBy("this")
    private long detachedSinceNanos;

    volatile long endedNanos;

    Tracked(String client, Job job, SearchRequest search, Optional<ObjectRequest> object) {
      this.client = client;
      this.job = job;
      this.search = search;
      this.object = object;
      this.detachedSinceNanos = System.nanoTime();
    }

    synchronized void attach() {
      watchers++;
    }

    synchronized void detach() {
      if (--watchers == 0) {
        detachedSinceNanos = System.nanoTime();
      }
    }

    synchronized boolean orphanedLongerThan(long nanos, long now) {
      return watchers == 0 && now - detachedSinceNanos > nanos;
    }
  }

  private final ConcurrentHashMap<String, Tracked> byId = new ConcurrentHashMap<>();
  private final Duration detachedGrace;
  private final Duration retention;
  private final ScheduledFuture<?> sweeping; // sweep() logs its own failures

  JobRegistry(ScheduledExecutorService timer, Duration detachedGrace, Duration retention) {
    this.detachedGrace = detachedGrace;
    this.retention = retention;
    long every = Math.max(10, Math.min(1000, detachedGrace.toMillis() / 4));
    this.sweeping = timer.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
  }

  /** Stops the periodic sweep. */
  void close() {
    sweeping.cancel(false);
  }

  void add(Tracked t) {
    byId.put(t.job.id(), t);
    Completions.onCompletion(t.job.result(), (s, e) -> t.endedNanos = System.nanoTime());
  }

  /** The caller's job {@code id}; another client's job is reported as unknown too. */
  Tracked get(String client, String id) {
    Tracked t = byId.get(id);
    if (t == null || !t.client.equals(client)) {
      throw new UnknownJobException(id);
    }
    return t;
  }

  private void sweep() {
    try {
      long now = System.nanoTime();
      for (Tracked t : byId.values()) {
        if (t.job.result().isDone()) {
          if (t.endedNanos != 0 && now - t.endedNanos > retention.toNanos()) {
            byId.remove(t.job.id(), t);
          }
        } else if (t.orphanedLongerThan(detachedGrace.toNanos(), now)) {
          log.info(
              "orphaned job cancelled job={} client={} unwatchedMs={}",
              t.job.id(),
              t.client,
              detachedGrace.toMillis());
          t.job.cancel("nobody watched the job for " + detachedGrace.toMillis() + " ms");
        }
      }
    } catch (RuntimeException e) {
      log.warn("job registry sweep failed", e);
    }
  }
}
