package dev.bitmsg.pow;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A multi-threaded CPU scanner: each slice of a pass is cut into one contiguous part per thread,
 * each thread scans its parts with its own single-thread kernel ({@link SimdScanner} or {@link
 * DigestScanner}) in small chunks, and once one thread finds a nonce in a slice the others stop
 * working on that slice after their current chunk. A slice then reports the lowest nonce found by
 * any thread (not necessarily the slice's smallest solving nonce). The threads are named daemons,
 * owned by this scanner until {@link #close()}. Used by one caller thread at a time.
 */
public final class ThreadedScanner implements NonceScanner {
  /** Trials between checks whether another thread already solved the slice. */
  private static final long CHUNK = 4096;

  private final List<NonceScanner> kernels;
  private final ExecutorService pool;

  /** Creates {@code threads} kernels with {@code kernel} and as many daemon threads. */
  public ThreadedScanner(int threads, Supplier<? extends NonceScanner> kernel) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    List<NonceScanner> ks = new ArrayList<>(threads);
    for (int i = 0; i < threads; i++) {
      ks.add(kernel.get());
    }
    this.kernels = List.copyOf(ks);
    this.pool = Executors.newFixedThreadPool(threads, new DaemonThreads("pow-" + name()));
  }

  public int threads() {
    return kernels.size();
  }

  /** The kernel's name and the thread count, e.g. {@code cpu-simd2x2} (the kernel may change). */
  @Override
  public String name() {
    return kernels.get(0).name() + "x" + kernels.size();
  }

  @Override
  public long trialsPerPass() {
    long sum = 0;
    for (NonceScanner k : kernels) {
      sum += k.trialsPerPass();
    }
    return sum;
  }

  @Override
  public List<ScanOutcome> scan(List<ScanSlice> slices) {
    int n = kernels.size();
    AtomicBoolean[] solved = new AtomicBoolean[slices.size()];
    for (int j = 0; j < solved.length; j++) {
      solved[j] = new AtomicBoolean();
    }
    List<Future<ScanOutcome[]>> futures = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int part = i;
      futures.add(pool.submit(() -> scanParts(part, slices, solved)));
    }
    ScanOutcome[][] byThread = new ScanOutcome[n][];
    try {
      for (int i = 0; i < n; i++) {
        byThread[i] = futures.get(i).get();
      }
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new PowException("interrupted while scanning", e);
    } catch (ExecutionException e) {
      throw new PowException("CPU scan thread failed", e.getCause());
    }
    List<ScanOutcome> out = new ArrayList<>(slices.size());
    for (int j = 0; j < slices.size(); j++) {
      out.add(merge(slices.get(j), byThread, j));
    }
    return out;
  }

  /** Thread {@code part}'s work: its part of every slice, chunk by chunk. */
  private ScanOutcome[] scanParts(int part, List<ScanSlice> slices, AtomicBoolean[] solved) {
    NonceScanner kernel = kernels.get(part);
    int n = kernels.size();
    ScanOutcome[] result = new ScanOutcome[slices.size()];
    for (int j = 0; j < slices.size(); j++) {
      ScanSlice s = slices.get(j);
      long from = s.count() / n * part + Math.min(part, s.count() % n);
      long len = s.count() / n + (part < s.count() % n ? 1 : 0);
      long trials = 0;
      ScanOutcome found = null;
      for (long off = 0; off < len && !solved[j].get(); off += CHUNK) {
        long count = Math.min(CHUNK, len - off);
        ScanSlice chunk =
            new ScanSlice(s.initialHash(), s.target(), s.firstNonce() + from + off, count);
        ScanOutcome o = kernel.scan(List.of(chunk)).get(0);
        trials += o.trials();
        if (o.found()) {
          found = o;
          solved[j].set(true);
          break;
        }
      }
      result[j] =
          found == null
              ? ScanOutcome.notFound(trials)
              : ScanOutcome.found(found.nonce(), found.trialValue(), trials);
    }
    return result;
  }

  private static ScanOutcome merge(ScanSlice slice, ScanOutcome[][] byThread, int j) {
    long trials = 0;
    ScanOutcome best = null;
    for (ScanOutcome[] t : byThread) {
      ScanOutcome o = t[j];
      trials += o.trials();
      if (o.found()
          && (best == null
              || Long.compareUnsigned(
                      o.nonce() - slice.firstNonce(), best.nonce() - slice.firstNonce())
                  < 0)) {
        best = o;
      }
    }
    return best == null
        ? ScanOutcome.notFound(trials)
        : ScanOutcome.found(best.nonce(), best.trialValue(), trials);
  }

  @Override
  public void close() {
    pool.shutdownNow();
    kernels.forEach(NonceScanner::close);
  }
}
