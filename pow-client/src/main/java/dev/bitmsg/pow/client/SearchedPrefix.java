package dev.bitmsg.pow.client;

import dev.bitmsg.pow.v1.SolveProgress;

/**
 * Where a job's search stands across the calls it took: the next nonce to search (everything from
 * the job's start up to it was searched without an answer, as the replicas reported) and the trials
 * spent. A replica's report counts only when its range begins where this job asked it to (a request
 * that joined an identical search already running elsewhere reports that search's range, which says
 * nothing about ours). Not thread-safe: one job's thread.
 */
final class SearchedPrefix {
  private long next;
  private long trialsBefore; // trials of the calls that ended
  private long trialsNow; // trials of the running call
  private long askedFrom; // start_nonce of the running call

  SearchedPrefix(long start) {
    this.next = start;
    this.askedFrom = start;
  }

  /** The start nonce for the next call. */
  long next() {
    return next;
  }

  /** A call starts at {@link #next}. */
  void callStarts() {
    trialsBefore += trialsNow;
    trialsNow = 0;
    askedFrom = next;
  }

  /** A report of the running call. */
  void report(SolveProgress p) {
    trialsNow = Math.max(trialsNow, p.getTrials());
    if (p.getSearchedFrom() == askedFrom) {
      long covered = p.getNextNonce() - askedFrom; // modulo 2^64
      long have = next - askedFrom;
      if (Long.compareUnsigned(covered, have) > 0) {
        next = p.getNextNonce();
      }
    }
  }

  /** The running call answered after {@code trials} trials of its own. */
  void answered(long trials) {
    trialsNow = Math.max(trialsNow, trials);
  }

  /** Trials over every call so far. */
  long trials() {
    return trialsBefore + trialsNow;
  }
}
