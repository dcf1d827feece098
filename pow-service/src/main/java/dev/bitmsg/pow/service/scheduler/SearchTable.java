package dev.bitmsg.pow.service.scheduler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Dedupe of identical work: jobs with the same initial hash and target share one {@link Search},
 * which lives while some job waits on it and is charged to the client of its oldest job (in the
 * {@link FairQueue}).
 *
 * <p>Not thread-safe: the {@link Scheduler} keeps it in a field guarded by its lock.
 */
final class SearchTable {
  private final Map<Search.Key, Search> open = new LinkedHashMap<>();
  private final FairQueue queue;
  private final LongSupplier randomNonce;
  private long nextSeq;

  SearchTable(FairQueue queue, LongSupplier randomNonce) {
    this.queue = queue;
    this.randomNonce = randomNonce;
  }

  /**
   * Adds {@code job} to the search for its hash and target, opening one (at the job's start nonce,
   * or a random one) when there is none. Returns whether the job runs at once: it joined a search
   * that had started already.
   */
  boolean join(Job job) {
    JobSpec spec = job.spec();
    Search.Key key = Search.Key.of(spec);
    Search search = open.get(key);
    if (search == null) {
      search = new Search(key, nextSeq++, spec.startNonce().orElseGet(randomNonce));
      open.put(key, search);
      search.add(job);
      queue.activate(spec.client());
      return false;
    }
    search.add(job);
    return search.started() && job.start(job.admittedNanos());
  }

  /** The open search {@code job} waits on, if any. */
  @Nullable Search searchOf(Job job) {
    Search s = open.get(Search.Key.of(job.spec()));
    return s != null && s.contains(job) ? s : null;
  }

  /** Takes an ended job off its search; drops the search when nobody else waits on it. */
  void leave(Job job) {
    Search search = searchOf(job);
    if (search == null) {
      return;
    }
    ClientShare ownerBefore = search.owner();
    if (search.remove(job)) {
      search.finish();
      open.remove(search.key());
      queue.deactivate(ownerBefore.name());
    } else if (!search.owner().equals(ownerBefore)) {
      queue.deactivate(ownerBefore.name());
      queue.activate(search.owner());
    }
  }

  /** {@code search} found its nonce: it stops and hands back its jobs, to be given the answer. */
  List<Job> solved(Search search) {
    search.finish();
    open.remove(search.key());
    queue.deactivate(search.owner().name());
    return search.takeJobs();
  }

  /** Every job of every open search, in arrival order. */
  List<Job> openJobs() {
    List<Job> jobs = new ArrayList<>();
    for (Search s : open.values()) {
      jobs.addAll(s.jobs());
    }
    return jobs;
  }

  boolean isEmpty() {
    return open.isEmpty();
  }

  /** The open searches in arrival order (a live view). */
  Collection<Search> all() {
    return open.values();
  }
}
