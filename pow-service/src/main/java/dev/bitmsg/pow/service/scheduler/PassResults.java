package dev.bitmsg.pow.service.scheduler;

import dev.bitmsg.pow.PowSolution;
import dev.bitmsg.pow.ScanOutcome;
import dev.bitmsg.pow.ScanSlice;
import dev.bitmsg.pow.TrialValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Books the outcome of one pass: each search's trials and share of the engine time, each client's
 * served trials, and the end of every search the pass solved (one solution per waiting job). Every
 * nonce found is re-verified with {@link TrialValue} first; an outcome that fails is not booked as
 * a solution.
 *
 * <p>Not thread-safe: the {@link Scheduler} keeps it in a field guarded by its lock; the static
 * {@link #verify} needs no lock and runs before the lock is taken.
 */
final class PassResults {
  private final SearchTable searches;
  private final FairQueue queue;

  PassResults(SearchTable searches, FairQueue queue) {
    this.searches = searches;
    this.queue = queue;
  }

  /** Which outcomes report a nonce that really meets its slice's target. */
  static boolean[] verify(Batch batch, List<ScanOutcome> outcomes) {
    boolean[] verified = new boolean[outcomes.size()];
    for (int i = 0; i < outcomes.size(); i++) {
      ScanOutcome o = outcomes.get(i);
      ScanSlice slice = batch.slices().get(i);
      verified[i] =
          o.found()
              && TrialValue.of(o.nonce(), slice.initialHash()) == o.trialValue()
              && TrialValue.meets(o.trialValue(), slice.target());
    }
    return verified;
  }

  /** Whether an outcome claims a nonce that {@link #verify} rejected. */
  static boolean anyWrongNonce(List<ScanOutcome> outcomes, boolean[] verified) {
    for (int i = 0; i < outcomes.size(); i++) {
      if (outcomes.get(i).found() && !verified[i]) {
        return true;
      }
    }
    return false;
  }

  /** The worker of {@code batch} failed before it reported: its slices are handed out again. */
  static void unscanned(Batch batch) {
    for (int i = 0; i < batch.slices().size(); i++) {
      Search s = batch.searches().get(i);
      if (!s.finished()) {
        s.unscanned(batch.slices().get(i));
      }
    }
  }

  static long trials(List<ScanOutcome> outcomes) {
    long n = 0;
    for (ScanOutcome o : outcomes) {
      n += o.trials();
    }
    return n;
  }

  /**
   * Books a pass of {@code nanos} by engine {@code engine}; returns the jobs it solved, to
   * complete. When the engine reported a {@code wrongNonce} in this pass, none of its slices counts
   * as searched: they are handed out again.
   */
  List<Completion> book(
      String engine,
      Batch batch,
      List<ScanOutcome> outcomes,
      boolean[] verified,
      boolean wrongNonce,
      long nanos) {
    long assigned = 0;
    for (ScanSlice slice : batch.slices()) {
      assigned += slice.count();
    }
    long now = System.nanoTime();
    List<Completion> completions = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      ScanOutcome o = outcomes.get(i);
      Search s = batch.searches().get(i);
      ScanSlice slice = batch.slices().get(i);
      s.booked(o.trials(), now, (double) nanos * slice.count() / assigned);
      queue.served(batch.clients().get(i), o.trials());
      if (s.finished()) {
        continue;
      }
      if (!o.found() || !verified[i]) {
        // A slice counts as searched only when a trusted engine scanned all of it.
        if (!o.found() && o.trials() >= slice.count() && !wrongNonce) {
          s.searched(slice);
        } else {
          s.unscanned(slice);
        }
        continue;
      }
      for (Job j : searches.solved(s)) {
        if (j.finish(JobState.DONE) == null) {
          continue;
        }
        j.ended(Snapshots.last(j, JobState.DONE, s, now), s.engineNanos());
        PowSolution sol =
            new PowSolution(
                o.nonce(),
                o.trialValue(),
                engine,
                s.trialsDone(),
                Duration.ofNanos(now - j.admittedNanos()));
        completions.add(Completion.solved(j, sol));
      }
    }
    return completions;
  }
}
