package dev.bitmsg.pow.service;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.bitmsg.pow.service.scheduler.Job;
import java.time.Duration;
import java.util.ArrayDeque;
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
 * detachedGrace} is cancelled (its caller is gone); finished jobs stay visible so a late Watch
 * still gets the result, within the bounds of a {@link JobRetention}: their age, their number and
 * the bytes of the objects they keep (oldest finished first). Unfinished jobs are bounded by the
 * server's queue cap. Thread-safe: the map is concurrent, each entry's watcher bookkeeping is
 * guarded by the entry, and the finished jobs' order and bytes by {@code this}.
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

    /** Bytes of the object this job keeps (0 for a search by initial hash). */
    long bytes() {
      return object.map(o -> (long) o.object().size()).orElse(0L);
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
  private final JobRetention retention;
  private final ScheduledFuture<?> sweeping; // sweep() logs its own failures

  @GuardedBy("this")
  private final ArrayDeque<Tracked> finished = new ArrayDeque<>(); // in the order they ended

  @GuardedBy("this")
  private long finishedBytes;

  JobRegistry(ScheduledExecutorService timer, Duration detachedGrace, JobRetention retention) {
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
    Completions.onCompletion(t.job.result(), (s, e) -> ended(t));
  }

  /** Keeps {@code t} among the finished jobs, dropping the oldest ones past the bounds. */
  private synchronized void ended(Tracked t) {
    t.endedNanos = System.nanoTime();
    finished.addLast(t);
    finishedBytes += t.bytes();
    while (!finished.isEmpty()
        && (finished.size() > retention.maxJobs() || finishedBytes > retention.maxBytes())) {
      drop(finished.peekFirst());
    }
  }

  @GuardedBy("this")
  private void drop(Tracked t) {
    finished.remove(t);
    finishedBytes -= t.bytes();
    byId.remove(t.job.id(), t);
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
      synchronized (this) {
        Tracked oldest;
        while ((oldest = finished.peekFirst()) != null
            && now - oldest.endedNanos > retention.time().toNanos()) {
          drop(oldest);
        }
      }
      for (Tracked t : byId.values()) {
        if (!t.job.result().isDone() && t.orphanedLongerThan(detachedGrace.toNanos(), now)) {
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
