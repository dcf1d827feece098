package dev.bitmsg.pow;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A job's search state in a {@link SlicedPowEngine}: its nonce cursor (shared by all the engine's
 * scanners, so no two test the same nonce), its trials, and its result. Thread-safe.
 */
final class SlicedJob implements PowHandle {
  final PowJob job;
  final CompletableFuture<PowSolution> result = new CompletableFuture<>();
  final AtomicLong trials = new AtomicLong();
  final long startNanos = System.nanoTime();
  // Guarded by this: the next nonce to hand out, how many were handed out (unsigned), whether
  // all 2^64 were, and how many slices are out.
  private long next;
  private long claimedCount;
  private boolean exhausted;
  private int outstanding;

  SlicedJob(PowJob job) {
    this.job = job;
    this.next = job.startNonce();
  }

  /** The next {@code n} nonces (fewer at the very end), or null when there is nothing to do. */
  synchronized @Nullable ScanSlice claim(long n) {
    if (exhausted || result.isDone()) {
      return null;
    }
    long room = -claimedCount; // 2^64 - claimed, unsigned; 0 means "all of it" at the start
    if (claimedCount != 0 && Long.compareUnsigned(n, room) >= 0) {
      n = room;
      exhausted = true;
    }
    ScanSlice slice = new ScanSlice(job.initialHash(), job.target(), next, n);
    next += n;
    claimedCount += n;
    outstanding++;
    return slice;
  }

  /** Gives back a claimed slice that was not scanned (its scanner failed). */
  void release() {
    boolean none;
    synchronized (this) {
      outstanding--;
      none = exhausted && outstanding == 0;
    }
    if (none) {
      result.completeExceptionally(
          new PowException(
              "the search space of " + job.initialHash() + " ran out after a scanner failure"));
    }
  }

  void finishSlice(ScanOutcome o, String scanner) {
    if (!result.isDone()) {
      trials.addAndGet(o.trials());
    }
    if (o.found()) {
      long elapsed = System.nanoTime() - startNanos;
      result.complete(
          new PowSolution(
              o.nonce(), o.trialValue(), scanner, trials.get(), Duration.ofNanos(elapsed)));
    }
    boolean none;
    synchronized (this) {
      outstanding--;
      none = exhausted && outstanding == 0;
    }
    if (none) {
      result.completeExceptionally(
          new PowException(
              "no nonce of all 2^64 meets target " + Long.toUnsignedString(job.target())));
    }
  }

  @Override
  public PowJob job() {
    return job;
  }

  @Override
  public PowProgress progress() {
    long t = trials.get();
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    return new PowProgress(t, seconds > 0 ? t / seconds : 0);
  }

  @Override
  public void cancel() {
    result.completeExceptionally(new CancellationException("PoW job cancelled"));
  }

  @Override
  public CompletableFuture<PowSolution> result() {
    return result;
  }
}
