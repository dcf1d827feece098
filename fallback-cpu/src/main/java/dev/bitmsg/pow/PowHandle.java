package dev.bitmsg.pow;

import java.util.concurrent.CompletableFuture;

/**
 * A submitted search. Thread-safe. {@link #result()} completes with a solution already re-verified
 * by {@link TrialValue}, exceptionally with {@link java.util.concurrent.CancellationException}
 * after {@link #cancel()}, or with {@link PowException} when the engine fails.
 */
public interface PowHandle {
  PowJob job();

  /** Live progress; cheap to call from any thread. */
  PowProgress progress();

  /** Stops the search; the engine stops working on it within 50 ms. Idempotent. */
  void cancel();

  CompletableFuture<PowSolution> result();
}
