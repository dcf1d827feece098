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
 * {@link FairQueue}). Not thread-safe: used under the scheduler's lock.
 */
final class SearchTable {
  private final Map<Search.Key, Search> searches = new LinkedHashMap<>();
  private final FairQueue queue;
  private final LongSupplier randomNonce;
  private long nextSeq;

  SearchTable(FairQueue queue, LongSupplier randomNonce) {
    this.queue = queue;
    this.randomNonce = randomNonce;
  }

  /**
   * Adds {@code job} to the search for its hash and target, opening one (at the job's start nonce,
   * or a random one) when there is none. A job that joins a search already started is RUNNING at
   * once.
   */
  void join(Job job) {
    JobSpec spec = job.spec();
    Search.Key key = new Search.Key(spec.initialHash(), spec.target());
    Search search = searches.get(key);
    if (search == null) {
      search = new Search(key, nextSeq++, spec.startNonce().orElseGet(randomNonce));
      searches.put(key, search);
      search.jobs.add(job);
      queue.activate(spec.client());
    } else {
      search.jobs.add(job);
      if (search.started()) {
        job.state = JobState.RUNNING;
        job.startedNanos = job.admittedNanos();
      }
    }
    job.search = search;
  }

  /** Takes an ended job off its search; drops the search when nobody else waits on it. */
  void leave(Job job) {
    Search search = job.search;
    if (search == null) {
      return;
    }
    @Nullable String ownerBefore = search.jobs.isEmpty() ? null : search.owner();
    search.jobs.remove(job);
    if (search.jobs.isEmpty()) {
      search.finished = true;
      searches.remove(search.key);
      queue.deactivate(ownerBefore);
    } else if (!search.owner().equals(ownerBefore)) {
      queue.deactivate(ownerBefore);
      queue.activate(search.jobs.get(0).spec().client());
    }
  }

  /** {@code search} found its nonce: it stops, with its jobs still attached for the answers. */
  void solved(Search search) {
    search.finished = true;
    searches.remove(search.key);
    queue.deactivate(search.owner());
  }

  /** Ends every job of every open search as FAILED for {@code reason}; returns them to complete. */
  List<Completion> failAll(String reason) {
    List<Completion> out = new ArrayList<>();
    for (Search s : List.copyOf(searches.values())) {
      for (Job j : List.copyOf(s.jobs)) {
        j.state = JobState.FAILED;
        j.stopExpiry();
        leave(j);
        out.add(new Completion(j, null, new JobEndedException(JobState.FAILED, reason)));
      }
    }
    return out;
  }

  boolean isEmpty() {
    return searches.isEmpty();
  }

  /** The open searches in arrival order (a live view). */
  Collection<Search> all() {
    return searches.values();
  }
}
