package dev.bitmsg.pow.service.scheduler;

import dev.bitmsg.pow.PowSolution;
import dev.bitmsg.pow.ScanOutcome;
import dev.bitmsg.pow.ScanSlice;
import dev.bitmsg.pow.TrialValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Books the outcome of one pass: the engine's measurements, each search's trials and share of the
 * engine time, each client's served trials, and the end of every search the pass solved (one
 * solution per waiting job). Every nonce found is re-verified with {@link TrialValue} first; an
 * outcome that fails is not booked as a solution. Not thread-safe: {@link #book} runs under the
 * scheduler's lock ({@link #verify} needs none).
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

  static long trials(List<ScanOutcome> outcomes) {
    long n = 0;
    for (ScanOutcome o : outcomes) {
      n += o.trials();
    }
    return n;
  }

  /** Books a pass of {@code nanos} by {@code worker}; returns the jobs it solved, to complete. */
  List<Completion> book(
      ScannerWorker worker,
      Batch batch,
      List<ScanOutcome> outcomes,
      boolean[] verified,
      long nanos) {
    long trials = trials(outcomes);
    long assigned = 0;
    for (ScanSlice slice : batch.slices()) {
      assigned += slice.count();
    }
    worker.trialsTotal += trials;
    worker.busyNanos += nanos;
    double rate = nanos > 0 ? trials * 1e9 / nanos : 0;
    worker.trialsPerSecond =
        worker.trialsPerSecond == 0 ? rate : 0.7 * worker.trialsPerSecond + 0.3 * rate;
    long now = System.nanoTime();
    List<Completion> completions = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      ScanOutcome o = outcomes.get(i);
      Search s = batch.searches().get(i);
      s.slicesInFlight--;
      s.trialsDone += o.trials();
      s.addEngineTime(now, (double) nanos * batch.slices().get(i).count() / assigned);
      queue.served(batch.clients().get(i), o.trials());
      if (!o.found() || !verified[i] || s.finished) {
        continue;
      }
      searches.solved(s);
      for (Job j : s.jobs) {
        j.stopExpiry();
        j.state = JobState.DONE;
        j.engineNanos = s.engineNanos;
        PowSolution sol =
            new PowSolution(
                o.nonce(),
                o.trialValue(),
                worker.name,
                s.trialsDone,
                Duration.ofNanos(now - j.admittedNanos()));
        completions.add(new Completion(j, sol, null));
      }
      s.jobs.clear();
    }
    return completions;
  }
}
