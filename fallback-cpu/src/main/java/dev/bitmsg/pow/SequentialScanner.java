package dev.bitmsg.pow;

import java.util.ArrayList;
import java.util.List;

/**
 * Base of the single-thread CPU scanners: works the slices of a pass one after the other, in
 * ascending nonce order, and learns its own rate so {@link #trialsPerPass()} keeps a pass near its
 * target length. Subclasses test one slice. Not thread-safe: one instance per thread.
 */
abstract class SequentialScanner implements NonceScanner {
  private final RateMeter meter;

  /** {@code initialTrialsPerSecond}: the rate assumed until the first pass is measured. */
  SequentialScanner(double initialTrialsPerSecond) {
    this.meter = new RateMeter(initialTrialsPerSecond);
  }

  /** Tests the nonces of one slice in ascending order, stopping at the first solution. */
  abstract ScanOutcome scanOne(ScanSlice slice);

  /** Replaces the learned rate, e.g. with one measured elsewhere for this kernel. */
  final void assumeRate(double trialsPerSecond) {
    meter.reset(trialsPerSecond);
  }

  @Override
  public final long trialsPerPass() {
    return meter.trialsPerPass();
  }

  @Override
  public final List<ScanOutcome> scan(List<ScanSlice> slices) {
    long start = System.nanoTime();
    long total = 0;
    List<ScanOutcome> out = new ArrayList<>(slices.size());
    for (ScanSlice slice : slices) {
      ScanOutcome o = scanOne(slice);
      total += o.trials();
      out.add(o);
    }
    meter.record(total, System.nanoTime() - start);
    return out;
  }

  @Override
  public void close() {}
}
